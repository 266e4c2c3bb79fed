package dev.mandate.escalation.boundary;

import dev.mandate.audit.control.AuditAppender;
import dev.mandate.audit.entity.AuditEntry;
import dev.mandate.escalation.control.EscalationEvents;
import dev.mandate.escalation.control.EscalationStore;
import dev.mandate.escalation.entity.EscalationStatus;
import dev.mandate.escalation.entity.EscalationView;
import dev.mandate.platform.sql.Sql;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Warns before an item's due time and marks it breached at it, once each, each in its own transaction. */
@Stateless
public class EscalationSla {

    @Inject
    EscalationStore store;

    @Inject
    EscalationEvents events;

    @Inject
    AuditAppender audit;

    @Inject
    Sql sql;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<String[]> due(int limit) {
        return store.toWarnOrBreach(Instant.now(), limit);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void tell(String tenant, String id, boolean breach) {
        EscalationView item = store.locked(tenant, id).orElse(null);
        if (item == null || item.status() == EscalationStatus.RESOLVED) {
            return;
        }
        Sql.Writes writes = sql.writes();
        if (breach) {
            if (sql.update(
                            "update escalation_item set breached = true, warned = true where id = ? and breached = false",
                            id)
                    != 1) {
                return;
            }
            events.breached(writes, item);
            audit.append(new AuditEntry(
                    tenant,
                    "mandate-sla",
                    item.agentId(),
                    null,
                    null,
                    "escalation.breached",
                    "BREACHED",
                    List.of(),
                    item.tool() + ":" + item.action(),
                    null,
                    Map.of(
                            "escalationId",
                            id,
                            "slaClass",
                            item.slaClass(),
                            "dueAt",
                            item.dueAt().toString())));
        } else if (sql.update("update escalation_item set warned = true where id = ? and warned = false", id) == 1) {
            events.warning(writes, item);
        }
        writes.run();
    }
}

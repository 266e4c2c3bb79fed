package dev.mandate.alert.boundary;

import dev.mandate.alert.control.AlertEvents;
import dev.mandate.alert.control.AlertStore;
import dev.mandate.alert.entity.Alert;
import dev.mandate.alert.entity.AlertRuleSpec;
import dev.mandate.alert.entity.AlertStatus;
import dev.mandate.platform.error.ConflictException;
import dev.mandate.platform.error.ResourceNotFoundException;
import dev.mandate.platform.paging.Page;
import dev.mandate.platform.paging.PageRequest;
import dev.mandate.platform.security.Caller;
import dev.mandate.platform.sql.Sql;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * The tenant's alerts: the history, and people acknowledging and resolving them (who, when and why, audited;
 * a resolution also sends {@code alert.resolved}).
 */
@Stateless
public class Alerts {

    static final String KIND = "alert";

    @Inject
    AlertStore store;

    @Inject
    AlertEvents events;

    @Inject
    Sql sql;

    public Page<Alert> page(Caller caller, AlertStatus status, String rule, PageRequest page) {
        return store.page(caller.tenant(), status, rule, page);
    }

    public Alert get(Caller caller, String id) {
        if (id == null || id.length() > 36) {
            throw new ResourceNotFoundException(KIND, "?");
        }
        return store.find(caller.tenant(), id).orElseThrow(() -> new ResourceNotFoundException(KIND, id));
    }

    /** OPEN to ACKNOWLEDGED; 409 when it is acknowledged or resolved already. */
    public Alert acknowledge(Caller caller, String id, String note) {
        Alert alert = lock(caller, id);
        if (!store.acknowledge(caller.tenant(), id, caller.subject(), note, Instant.now())) {
            throw new ConflictException(
                    "alert '" + id + "' is " + alert.status() + ": only an OPEN one is acknowledged");
        }
        Alert acknowledged = get(caller, id);
        events.acknowledged(acknowledged);
        return acknowledged;
    }

    /** Resolves an open alert (OPEN or ACKNOWLEDGED); 409 when it is resolved already. */
    public Alert resolve(Caller caller, String id, String reason) {
        Alert alert = lock(caller, id);
        if (!store.resolve(caller.tenant(), id, caller.subject(), reason, Instant.now())) {
            throw new ConflictException("alert '" + id + "' is " + alert.status() + " already");
        }
        Alert resolved = get(caller, id);
        events.resolved(resolved, rule(alert));
        return resolved;
    }

    /** The alert under its row lock, so an evaluation of its rule does not change it meanwhile. */
    private Alert lock(Caller caller, String id) {
        get(caller, id);
        sql.first("select id from alert where id = ? for update", row -> row.getString(1), id);
        return get(caller, id);
    }

    /** The rule's settings as the webhook names them; those of a rule deleted meanwhile are unknown. */
    private AlertRuleSpec rule(Alert alert) {
        return sql.first(
                        "select window_seconds, baseline_windows, sensitivity, min_count, threshold from alert_rule"
                                + " where id = ?",
                        row -> new AlertRuleSpec(
                                alert.metric(),
                                null,
                                null,
                                row.getInt(1),
                                row.getInt(2),
                                AlertRuleSpec.normal(row.getBigDecimal(3)),
                                row.getInt(4),
                                row.getBigDecimal(5) == null ? null : AlertRuleSpec.normal(row.getBigDecimal(5)),
                                true),
                        alert.ruleId())
                .orElse(null);
    }
}

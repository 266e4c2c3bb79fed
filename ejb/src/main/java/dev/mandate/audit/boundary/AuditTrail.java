package dev.mandate.audit.boundary;

import dev.mandate.audit.control.AuditAppender;
import dev.mandate.audit.entity.AuditEntry;
import dev.mandate.audit.entity.AuditRecord;
import dev.mandate.platform.paging.Page;
import dev.mandate.platform.paging.PageRequest;
import dev.mandate.platform.security.Caller;
import dev.mandate.platform.sql.Sql;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.List;

/**
 * The tamper-evident audit trail: appends records in the caller's transaction and reads them back.
 *
 * <p>An append ({@link AuditAppender}) locks the head row of one chain of the tenant until the caller's
 * transaction ends. Call it as the last step of a change so the chain lock is held briefly.
 */
@Stateless
public class AuditTrail {

    @PersistenceContext(unitName = "mandate")
    EntityManager em;

    @Inject
    AuditAppender appender;

    @Inject
    Sql sql;

    /**
     * Appends one record in the CALLER'S transaction (TransactionAttribute REQUIRED): it commits or
     * rolls back with the change it describes. Redacts PII in inputSummary and details values. A change
     * of configuration is recorded through {@code ConfigurationChanges} instead.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public AuditRecord append(AuditEntry entry) {
        return appender.append(entry);
    }

    /** The caller's tenant's records, newest first, optionally only of one agent, trace or action. */
    public Page<AuditRecord> records(Caller caller, String agentId, String traceId, String action, PageRequest page) {
        StringBuilder where = new StringBuilder(" where r.tenantId = :tenant");
        List<String[]> filters = new ArrayList<>();
        if (agentId != null) {
            where.append(" and r.agentId = :agentId");
            filters.add(new String[] {"agentId", agentId});
        }
        if (traceId != null) {
            where.append(" and r.traceId = :traceId");
            filters.add(new String[] {"traceId", traceId});
        }
        if (action != null) {
            where.append(" and r.action = :action");
            filters.add(new String[] {"action", action});
        }
        TypedQuery<AuditRecord> items = em.createQuery(
                "select r from AuditRecord r" + where + " order by r.recordedAt desc, r.chain, r.sequence desc",
                AuditRecord.class);
        TypedQuery<Long> count = em.createQuery("select count(r) from AuditRecord r" + where, Long.class);
        for (TypedQuery<?> query : List.of(items, count)) {
            query.setParameter("tenant", caller.tenant());
            filters.forEach(filter -> query.setParameter(filter[0], filter[1]));
        }
        List<AuditRecord> found =
                items.setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList();
        return new Page<>(found, page.offset(), page.limit(), count.getSingleResult());
    }
}

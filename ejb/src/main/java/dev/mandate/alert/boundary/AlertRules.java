package dev.mandate.alert.boundary;

import dev.mandate.alert.control.AlertEvents;
import dev.mandate.alert.control.AlertStore;
import dev.mandate.alert.entity.Alert;
import dev.mandate.alert.entity.AlertRule;
import dev.mandate.alert.entity.AlertRuleSpec;
import dev.mandate.audit.entity.AuditEntry;
import dev.mandate.configuration.control.ConfigurationChanges;
import dev.mandate.platform.error.ConflictException;
import dev.mandate.platform.error.Flushes;
import dev.mandate.platform.error.ResourceNotFoundException;
import dev.mandate.platform.error.StaleVersionException;
import dev.mandate.platform.paging.Page;
import dev.mandate.platform.paging.PageRequest;
import dev.mandate.platform.security.Caller;
import dev.mandate.platform.security.Versions;
import dev.mandate.tenant.boundary.Tenants;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tenant's alert rules. Every change is audited ({@code alert-rule.created}, {@code alert-rule.changed},
 * {@code alert-rule.deleted}); deleting a rule resolves its open alerts.
 */
@Stateless
public class AlertRules {

    static final String KIND = "alert rule";

    @PersistenceContext(unitName = "mandate")
    EntityManager em;

    @Inject
    ConfigurationChanges changes;

    @Inject
    AlertStore alerts;

    @Inject
    AlertEvents events;

    @EJB
    Tenants tenants;

    /** A rule as written, and whether the write created it. */
    public record Written(AlertRule rule, boolean created) {}

    /**
     * Creates the rule (no {@code If-Match}) or replaces it ({@code If-Match} with its current version; 428
     * without, 412 when stale or for a version of one that does not exist).
     */
    public Written put(Caller caller, String name, Long expectedVersion, AlertRuleSpec spec) {
        AlertRule.checkName(name);
        Optional<AlertRule> existing = find(caller.tenant(), name);
        if (existing.isEmpty()) {
            if (expectedVersion != null) {
                throw new StaleVersionException(KIND, name);
            }
            tenants.ensureRegistered(caller.tenant(), caller.tenant());
            AlertRule created = new AlertRule(caller.tenant(), name, caller.subject());
            created.apply(spec, caller.subject());
            em.persist(created);
            flush(name);
            changes.record(AuditEntry.adminChange(
                    caller, "alert-rule.created", null, Map.of("rule", name, "after", spec.summary())));
            return new Written(created, true);
        }
        AlertRule rule = existing.get();
        Versions.require(KIND, name, expectedVersion, rule.version());
        String before = rule.spec().summary();
        if (rule.apply(spec, caller.subject())) {
            flush(name);
            changes.record(AuditEntry.adminChange(
                    caller,
                    "alert-rule.changed",
                    null,
                    Map.of("rule", name, "before", before, "after", spec.summary())));
        }
        return new Written(rule, false);
    }

    public AlertRule get(Caller caller, String name) {
        AlertRule.checkName(name);
        return find(caller.tenant(), name).orElseThrow(() -> new ResourceNotFoundException(KIND, name));
    }

    public Page<AlertRule> list(Caller caller, PageRequest page) {
        List<AlertRule> items = em.createNamedQuery(AlertRule.PAGE, AlertRule.class)
                .setParameter("tenant", caller.tenant())
                .setFirstResult(page.offset())
                .setMaxResults(page.limit())
                .getResultList();
        long total = em.createNamedQuery(AlertRule.COUNT, Long.class)
                .setParameter("tenant", caller.tenant())
                .getSingleResult();
        return new Page<>(items, page.offset(), page.limit(), total);
    }

    /** Deletes it ({@code If-Match} required); its open alerts are resolved and {@code alert.resolved} sent. */
    public void delete(Caller caller, String name, Long expectedVersion) {
        AlertRule rule = get(caller, name);
        Versions.require(KIND, name, expectedVersion, rule.version());
        AlertRuleSpec spec = rule.spec();
        em.remove(rule);
        flush(name);
        Instant now = Instant.now();
        for (Alert open : alerts.openOf(rule.id())) {
            if (alerts.resolve(caller.tenant(), open.id(), caller.subject(), "rule '" + name + "' deleted", now)) {
                events.resolved(alerts.find(caller.tenant(), open.id()).orElseThrow(), spec);
            }
        }
        changes.record(AuditEntry.adminChange(
                caller, "alert-rule.deleted", null, Map.of("rule", name, "before", spec.summary())));
    }

    private Optional<AlertRule> find(String tenant, String name) {
        return em.createNamedQuery(AlertRule.BY_NAME, AlertRule.class)
                .setParameter("tenant", tenant)
                .setParameter("name", name)
                .getResultStream()
                .findFirst();
    }

    private void flush(String name) {
        Flushes.flush(
                em,
                () -> new StaleVersionException(KIND, name),
                () -> new ConflictException("alert rule '" + name + "' was written at the same time; retry"));
    }
}

package dev.mandate.killswitch.boundary;

import dev.mandate.agent.boundary.Agents;
import dev.mandate.audit.entity.AuditEntry;
import dev.mandate.catalog.boundary.Tools;
import dev.mandate.configuration.control.ConfigurationChanges;
import dev.mandate.execution.control.ExecutionStore;
import dev.mandate.killswitch.entity.KillSwitch;
import dev.mandate.killswitch.entity.KillSwitchScope;
import dev.mandate.platform.change.ConfigGenerations;
import dev.mandate.platform.config.ConfigKey;
import dev.mandate.platform.error.AccessDeniedException;
import dev.mandate.platform.error.ConflictException;
import dev.mandate.platform.error.Flushes;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.error.ResourceNotFoundException;
import dev.mandate.platform.security.Caller;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Map;

/** Flipping kill switches and asking which one stops an action. Read per request: effective at once. */
@Stateless
public class KillSwitches {

    @PersistenceContext(unitName = "mandate")
    EntityManager em;

    @Inject
    ConfigurationChanges changes;

    @EJB
    Agents agents;

    @EJB
    Tools tools;

    @Inject
    ConfigGenerations generations;

    @Inject
    ExecutionStore executions;

    public KillSwitch set(Caller caller, KillSwitchScope scope, String target, boolean active, String reason) {
        String tenant = scope == KillSwitchScope.GLOBAL ? KillSwitch.ALL_TENANTS : caller.tenant();
        String resolvedTarget = resolveTarget(caller, scope, target);
        KillSwitch kill = em.createNamedQuery(KillSwitch.SAME, KillSwitch.class)
                .setParameter("tenant", tenant)
                .setParameter("scope", scope)
                .setParameter("target", resolvedTarget)
                .getResultStream()
                .findFirst()
                .orElseGet(() -> {
                    KillSwitch created = new KillSwitch(tenant, scope, resolvedTarget);
                    em.persist(created);
                    return created;
                });
        boolean wasActive = kill.active();
        kill.set(active, reason, caller.subject());
        Flushes.flush(em, () -> new ConflictException("the kill switch was changed at the same time; retry"));
        if (scope == KillSwitchScope.GLOBAL) {
            generations.advance(ConfigGenerations.PLATFORM); // recording the change advances the tenant's only
        }
        if (active) {
            // what waits for a later attempt is taken at once, and the worker stops it with the switch's reason
            executions.dueNow(scope.name(), tenant, resolvedTarget);
        }
        changes.record(AuditEntry.adminChange(
                caller,
                "killswitch.changed",
                scope == KillSwitchScope.AGENT ? resolvedTarget : null,
                Map.of(
                        "switch",
                        scope + " " + resolvedTarget,
                        "before",
                        wasActive ? "ON" : "OFF",
                        "after",
                        active ? "ON" : "OFF",
                        "reason",
                        reason)));
        return kill;
    }

    public List<KillSwitch> visible(Caller caller) {
        return em.createNamedQuery(KillSwitch.VISIBLE, KillSwitch.class)
                .setParameter("tenant", caller.tenant())
                .getResultList();
    }

    private String resolveTarget(Caller caller, KillSwitchScope scope, String target) {
        switch (scope) {
            case GLOBAL -> {
                String operator =
                        ConfigKey.PLATFORM_OPERATOR_TENANT.lookup(String.class).orElse("");
                if (operator.isEmpty() || !operator.equals(caller.tenant())) {
                    throw new AccessDeniedException(
                            "only administrators of the platform operator's tenant flip the global switch");
                }
                return "*";
            }
            case TENANT -> {
                return caller.tenant();
            }
            case AGENT -> {
                requireTarget(target);
                return agents.get(caller, target).id();
            }
            case TOOL -> {
                requireTarget(target);
                return tools.find(caller.tenant(), target)
                        .orElseThrow(() -> new ResourceNotFoundException("tool", target))
                        .key();
            }
            default -> throw new IllegalStateException(scope.name());
        }
    }

    private static void requireTarget(String target) {
        if (target == null || target.isBlank()) {
            throw new InvalidRequestException("target", "is required for this scope");
        }
    }
}

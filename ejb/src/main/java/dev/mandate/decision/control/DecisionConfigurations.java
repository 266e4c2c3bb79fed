package dev.mandate.decision.control;

import dev.mandate.budget.entity.Budget;
import dev.mandate.catalog.entity.Tool;
import dev.mandate.decision.control.DecisionConfiguration.ActiveKillSwitch;
import dev.mandate.killswitch.entity.KillSwitch;
import dev.mandate.platform.change.ConfigGenerations;
import dev.mandate.policy.control.ActivePolicies;
import dev.mandate.taxonomy.entity.TaskType;
import dev.mandate.taxonomy.entity.Workflow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A tenant's decision configuration for the current transaction. Reads the configuration generation
 * (one primary-key query) and reuses what this server read at that generation; otherwise reads it all,
 * and keeps it if the generation did not move while reading (a change commits its data and its new
 * generation together, so the same number before and after means the data read is exactly that
 * generation's).
 */
@ApplicationScoped
public class DecisionConfigurations {

    @PersistenceContext(unitName = "mandate")
    EntityManager em;

    @Inject
    ConfigGenerations generations;

    @Inject
    DecisionConfigurationCache cache;

    @Inject
    ActivePolicies policy;

    public DecisionConfiguration of(String tenant) {
        return at(tenant, generations.current(tenant));
    }

    /** As {@link #of}, with the generation the caller read in this transaction (empty: none kept). */
    public DecisionConfiguration at(String tenant, Optional<String> generation) {
        if (generation.isPresent()) {
            DecisionConfiguration known = cache.get(tenant, generation.get());
            if (known != null) {
                return known;
            }
        }
        DecisionConfiguration read = read(tenant, generation.orElse(null));
        if (generation.isPresent() && generations.current(tenant).equals(generation)) {
            cache.put(tenant, read);
        }
        return read;
    }

    /**
     * The decision path only reads the configuration: entities read as read-only are not part of the
     * transaction's unit of work, so the flush before each later query never compares them with what was
     * read, and never writes them. Managed, the task types were taken for changed and
     * written back (a new version) by every decision that read it (on H2, every decision: no generations):
     * concurrent decisions of one tenant failed with OptimisticLockException.
     */
    private static final String READ_ONLY = "eclipselink.read-only";

    private DecisionConfiguration read(String tenant, String generation) {
        Map<String, String> workflowKeys = em.createNamedQuery(Workflow.ALL, Workflow.class)
                .setHint(READ_ONLY, true)
                .setParameter("tenant", tenant)
                .getResultStream()
                .collect(Collectors.toMap(Workflow::id, Workflow::key));
        return DecisionConfiguration.of(
                generation,
                policy.currentVersion(tenant),
                em.createNamedQuery(TaskType.ALL, TaskType.class)
                        .setHint(READ_ONLY, true)
                        .setParameter("tenant", tenant)
                        .setHint("eclipselink.batch.type", "IN")
                        .setHint("eclipselink.batch", "t.allowedTools")
                        .setHint("eclipselink.batch", "t.refusalConditions")
                        .getResultStream()
                        .map(t -> t.definition(workflowKeys.get(t.workflowId())))
                        .toList(),
                em.createNamedQuery(Tool.ALL, Tool.class)
                        .setHint(READ_ONLY, true)
                        .setParameter("tenant", tenant)
                        .setHint("eclipselink.batch.type", "IN")
                        .setHint("eclipselink.batch", "t.actions")
                        .getResultStream()
                        .map(Tool::definition)
                        .toList(),
                em.createNamedQuery(KillSwitch.ACTIVE_IN, KillSwitch.class)
                        .setHint(READ_ONLY, true)
                        .setParameter("tenant", tenant)
                        .getResultStream()
                        .map(k -> new ActiveKillSwitch(k.scope(), k.target(), k.describe()))
                        .toList(),
                em.createNamedQuery(Budget.ALL, Budget.class)
                        .setHint(READ_ONLY, true)
                        .setParameter("tenant", tenant)
                        .getResultStream()
                        .map(Budget::cap)
                        .toList());
    }
}

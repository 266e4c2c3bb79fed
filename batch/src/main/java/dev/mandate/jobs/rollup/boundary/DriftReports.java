package dev.mandate.jobs.rollup.boundary;

import dev.mandate.jobs.rollup.control.RollupStore;
import dev.mandate.jobs.rollup.entity.DriftFinding;
import dev.mandate.jobs.rollup.entity.DriftMetric;
import dev.mandate.jobs.rollup.entity.DriftWindow;
import dev.mandate.platform.config.ConfigKey;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Drift per task type: the last 7 days against the last 30, both ending on the rollup's last day, summed
 * from the rollup's rows. The tenant's report is replaced whole, in one transaction.
 */
@Stateless
public class DriftReports {

    static final int RECENT_DAYS = 7;
    static final int REFERENCE_DAYS = 30;

    @Inject
    RollupStore store;

    /** Computes and stores the tenant's drift through {@code through}; returns the findings. */
    public List<DriftFinding> compute(String tenant, long executionId, LocalDate through) {
        LocalDate recentFrom = through.minusDays(RECENT_DAYS - 1L);
        LocalDate referenceFrom = through.minusDays(REFERENCE_DAYS - 1L);
        Map<String, DriftWindow> recent = store.window(tenant, recentFrom, through);
        Map<String, DriftWindow> reference = store.window(tenant, referenceFrom, through);
        List<DriftFinding> findings = new ArrayList<>();
        for (String taskType : new TreeSet<>(reference.keySet())) {
            for (DriftMetric metric : DriftMetric.values()) {
                findings.add(DriftFinding.of(
                        taskType,
                        metric,
                        recent.getOrDefault(taskType, DriftWindow.EMPTY),
                        reference.get(taskType),
                        threshold(metric)));
            }
        }
        store.replaceDrift(tenant, executionId, recentFrom, referenceFrom, through, findings);
        return findings;
    }

    static BigDecimal threshold(DriftMetric metric) {
        ConfigKey key =
                switch (metric) {
                    case SUCCESS_RATE -> ConfigKey.DRIFT_SUCCESS_RATE_DROP;
                    case ESCALATION_RATE -> ConfigKey.DRIFT_ESCALATION_RATE_RISE;
                    case DENIAL_RATE -> ConfigKey.DRIFT_DENIAL_RATE_RISE;
                    case COST_PER_TASK -> ConfigKey.DRIFT_COST_PER_TASK_RISE;
                };
        return key.get(BigDecimal.class);
    }
}

package dev.mandate.readiness.entity;

import java.time.Instant;
import java.util.List;

/** A workflow's launch readiness: every criterion evaluated from live data at {@code evaluatedAt}. */
public record WorkflowReadiness(String workflow, String name, List<CriterionResult> criteria, Instant evaluatedAt) {

    public WorkflowReadiness {
        criteria = List.copyOf(criteria);
    }

    /** Ready for launch: every criterion met. */
    public boolean ready() {
        return criteria.stream().allMatch(CriterionResult::met);
    }
}

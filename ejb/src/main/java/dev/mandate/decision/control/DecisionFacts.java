package dev.mandate.decision.control;

import dev.mandate.agent.entity.AuthorityTier;
import dev.mandate.catalog.entity.RiskClass;
import java.util.List;

/**
 * Everything the decision depends on, gathered before deciding. Text the agent wrote (evidence,
 * reasoning) is deliberately absent: it can never change a decision.
 */
public record DecisionFacts(
        Permit permit,
        RiskClass risk,
        AuthorityTier tier,
        String activeKillSwitch,
        boolean toolAllowedForTask,
        String refusalReason,
        PolicyFindings policy,
        boolean shadow,
        /* false: nobody answers for the agent, so it may do nothing at all (NO_SPONSOR) */
        boolean sponsored,
        /* why the agent's confidence is below its task type's threshold, or null (met, or none asked) */
        String lowConfidence) {

    /**
     * Whether the agent's roles permit the requested action at all ({@code tool:action}), and which roles
     * do (sorted; empty: none, the action is not permitted).
     */
    public record Permit(String toolAction, List<String> roles) {

        public Permit {
            roles = List.copyOf(roles);
        }

        public boolean permitted() {
            return !roles.isEmpty();
        }
    }
}

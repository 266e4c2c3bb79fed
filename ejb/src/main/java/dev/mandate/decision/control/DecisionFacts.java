package dev.mandate.decision.control;

import dev.mandate.agent.entity.AuthorityTier;
import dev.mandate.catalog.entity.RiskClass;

/**
 * Everything the decision depends on, gathered before deciding. Text the agent wrote (evidence,
 * reasoning) is deliberately absent: it can never change a decision.
 */
public record DecisionFacts(
        RiskClass risk,
        AuthorityTier tier,
        String activeKillSwitch,
        boolean toolAllowedForTask,
        String refusalReason,
        PolicyFindings policy,
        boolean shadow,
        /* false: nobody answers for the agent, so it may do nothing at all (NO_SPONSOR) */
        boolean sponsored) {}

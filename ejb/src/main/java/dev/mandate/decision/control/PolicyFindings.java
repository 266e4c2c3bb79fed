package dev.mandate.decision.control;

import java.util.List;

/**
 * What the policy rules said about an envelope, in the decision path's terms: every rule that fired,
 * in evaluation order. Effects are ALLOW, REQUIRE_APPROVAL, ESCALATE or DENY.
 */
public record PolicyFindings(String policyVersion, List<Finding> fired) {

    public record Finding(String ruleId, String effect, String approverRole, String reason) {}

    public static PolicyFindings none(String policyVersion) {
        return new PolicyFindings(policyVersion, List.of());
    }
}

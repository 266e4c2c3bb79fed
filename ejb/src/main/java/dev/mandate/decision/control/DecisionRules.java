package dev.mandate.decision.control;

import dev.mandate.agent.entity.AuthorityTier;
import dev.mandate.decision.control.PolicyFindings.Finding;
import dev.mandate.decision.control.Verdict.Step;
import dev.mandate.decision.entity.Decision;
import java.util.ArrayList;
import java.util.List;

/**
 * The deterministic core of the decision path, without I/O. In order: sponsor, kill switch, the agent's roles
 * (least privilege: an action none of them permits is denied, whatever tier or rule would say), task
 * type's allowed tools, refusal conditions, authority tier, policy rules, the agent's confidence against its task
 * type's threshold, blast radius, shadow mode. Budget comes after
 * (it needs the database) and can only turn a would-execute decision into ESCALATE.
 */
public final class DecisionRules {

    /** The reason of every envelope of an agent without a sponsor. */
    public static final String NO_SPONSOR = "NO_SPONSOR: the agent has no sponsor (the human who answers for it)";

    private DecisionRules() {}

    public static Verdict decide(DecisionFacts facts) {
        List<Step> steps = new ArrayList<>();
        List<String> ruleIds =
                facts.policy().fired().stream().map(Finding::ruleId).toList();
        if (!facts.sponsored()) {
            // before everything, shadow mode included: an agent nobody answers for does nothing at all
            steps.add(new Step("sponsor", "none", "set a sponsor over SCIM or the API"));
            return deny(steps, ruleIds, NO_SPONSOR);
        }
        steps.add(new Step("sponsor", "set", null));
        Verdict verdict = decideIgnoringShadow(facts, steps, ruleIds);
        if (!facts.shadow()) {
            steps.add(new Step("shadow-mode", "off", null));
            return verdict;
        }
        steps.add(new Step("shadow-mode", "on", "would have been " + verdict.decision()));
        List<String> reasons = new ArrayList<>(verdict.reasons());
        reasons.add(0, "SHADOW_MODE: would have been " + verdict.decision());
        return new Verdict(Decision.SHADOW, reasons, ruleIds, verdict.approverRole(), steps);
    }

    private static Verdict decideIgnoringShadow(DecisionFacts facts, List<Step> steps, List<String> ruleIds) {
        boolean readOnly = facts.risk().isReadOnly();
        if (facts.activeKillSwitch() != null && !readOnly) {
            steps.add(new Step("kill-switch", "on", facts.activeKillSwitch()));
            return deny(steps, ruleIds, "KILL_SWITCH: " + facts.activeKillSwitch());
        }
        steps.add(new Step("kill-switch", facts.activeKillSwitch() == null ? "off" : "on, read-only passes", null));

        // roles say what at all, tiers how autonomously, rules under which conditions
        if (!facts.permit().permitted()) {
            steps.add(new Step("roles", "none permits", facts.permit().toolAction()));
            return deny(steps, ruleIds, "NOT_PERMITTED: " + facts.permit().toolAction());
        }
        steps.add(new Step(
                "roles", "permitted", "by " + String.join(", ", facts.permit().roles())));

        if (!facts.toolAllowedForTask()) {
            steps.add(new Step("task-type-tools", "not allowed", null));
            return deny(steps, ruleIds, "TOOL_NOT_ALLOWED_FOR_TASK_TYPE");
        }
        steps.add(new Step("task-type-tools", "allowed", null));

        if (facts.refusalReason() != null) {
            steps.add(new Step("refusal-conditions", "matched", facts.refusalReason()));
            return deny(steps, ruleIds, "REFUSAL_CONDITION: " + facts.refusalReason());
        }
        steps.add(new Step("refusal-conditions", "none matched", null));

        if (facts.tier() == AuthorityTier.READ_ONLY && !readOnly) {
            steps.add(new Step("authority-tier", "READ_ONLY", "a " + facts.risk() + " action needs more authority"));
            return deny(steps, ruleIds, "TIER_READ_ONLY: agent may only read " + "(" + facts.risk() + " requested)");
        }
        steps.add(new Step("authority-tier", facts.tier().name(), null));

        PolicyFindings policy = facts.policy();
        for (Finding denial : only(policy, "DENY")) {
            steps.add(new Step("policy-rules", "DENY", denial.ruleId()));
            return deny(steps, ruleIds, "POLICY_DENY: " + denial.ruleId() + ": " + denial.reason());
        }
        for (Finding escalation : only(policy, "ESCALATE")) {
            steps.add(new Step("policy-rules", "ESCALATE", escalation.ruleId()));
            return verdict(
                    Decision.ESCALATE,
                    steps,
                    ruleIds,
                    null,
                    "POLICY_ESCALATE: " + escalation.ruleId() + ": " + escalation.reason());
        }
        steps.add(new Step("policy-rules", policy.fired().isEmpty() ? "no rule fired" : "fired " + ruleIds, null));

        if (facts.lowConfidence() != null && !readOnly) {
            steps.add(new Step("confidence", "below the task type's threshold", facts.lowConfidence()));
            return verdict(Decision.ESCALATE, steps, ruleIds, null, "LOW_CONFIDENCE: " + facts.lowConfidence());
        }

        List<String> reasons = new ArrayList<>();
        String approverRole = null;
        for (Finding approval : only(policy, "REQUIRE_APPROVAL")) {
            reasons.add("POLICY_REQUIRES_APPROVAL: " + approval.ruleId() + ": " + approval.reason());
            approverRole = approverRole == null ? approval.approverRole() : approverRole;
        }
        if (readOnly) {
            steps.add(new Step("blast-radius", "read-only action", null));
        } else if (facts.tier() == AuthorityTier.SUGGEST_ONLY) {
            reasons.add("TIER_SUGGEST_ONLY: a person must carry this out or approve it");
        } else if (facts.tier() == AuthorityTier.EXECUTE_WITH_APPROVAL) {
            reasons.add("TIER_EXECUTE_WITH_APPROVAL");
        } else if (facts.risk().isBlastRadius()) {
            List<Finding> allows = only(policy, "ALLOW");
            if (allows.isEmpty()) {
                reasons.add("BLAST_RADIUS: " + facts.risk() + " requires approval");
                steps.add(new Step("blast-radius", facts.risk().name(), "requires approval"));
            } else {
                steps.add(new Step(
                        "blast-radius",
                        facts.risk().name(),
                        "explicitly allowed by " + allows.get(0).ruleId()));
            }
        }
        if (reasons.isEmpty()) {
            return verdict(Decision.ALLOW, steps, ruleIds, null, readOnly ? "READ_ONLY_ACTION" : "TIER_AUTONOMOUS");
        }
        return new Verdict(Decision.REQUIRE_APPROVAL, reasons, ruleIds, approverRole, steps);
    }

    private static List<Finding> only(PolicyFindings policy, String effect) {
        return policy.fired().stream().filter(f -> f.effect().equals(effect)).toList();
    }

    private static Verdict deny(List<Step> steps, List<String> ruleIds, String reason) {
        return verdict(Decision.DENY, steps, ruleIds, null, reason);
    }

    private static Verdict verdict(
            Decision decision, List<Step> steps, List<String> ruleIds, String approver, String reason) {
        return new Verdict(decision, List.of(reason), ruleIds, approver, steps);
    }
}

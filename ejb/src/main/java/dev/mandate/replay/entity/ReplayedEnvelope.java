package dev.mandate.replay.entity;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * One stored envelope decided again under the current configuration and policy, in dry run: what it got then,
 * what it would get now, and what changed ({@code decision}, {@code rules}, {@code tier}, {@code budget}).
 */
public record ReplayedEnvelope(
        String envelopeId,
        String agentId,
        String taskId,
        String traceId,
        String tool,
        String action,
        OffsetDateTime decidedAt,
        Outcome then,
        Outcome now,
        boolean changed,
        List<String> changes) {

    /**
     * A decision with its reasons, the rules that fired (each with its version), the tier and the budget effect;
     * {@code problem} instead where the path would refuse the envelope now (e.g. its tool was removed).
     */
    public record Outcome(
            String decision,
            List<String> reasons,
            List<Rule> rules,
            String tier,
            String policyVersion,
            Budget budget,
            Problem problem) {}

    /** A rule that fired: its version at the policy version decided at; effect and reason where known. */
    public record Rule(String ruleId, Integer ruleVersion, String effect, String reason) {}

    /**
     * What the decision spends: {@code reserves} whether it would reserve its {@code cost} against the budgets,
     * what is {@code remaining} of each now, and which of them it would {@code exhaust} (then it is ESCALATEd).
     */
    public record Budget(BigDecimal cost, boolean reserves, Map<String, BigDecimal> remaining, List<String> exhausts) {}

    public record Problem(String type, String detail) {}
}

package dev.mandate.policy.control;

import dev.mandate.policy.entity.PolicyEffect;
import dev.mandate.policy.entity.RuleKind;
import java.util.List;
import java.util.Map;

/** Builds rules and inputs for the engine's tests and the benchmark. */
public final class Rules {

    private Rules() {}

    public static RuleDraft expression(String ruleId, int priority, String expression, PolicyEffect effect) {
        return new RuleDraft(
                ruleId,
                ruleId,
                priority,
                RuleKind.EXPRESSION,
                null,
                expression,
                effect,
                effect == PolicyEffect.REQUIRE_APPROVAL ? "finance-approver" : null,
                null,
                true);
    }

    public static RuleDraft template(String ruleId, RuleKind kind, Map<String, Object> params, PolicyEffect effect) {
        return new RuleDraft(
                ruleId,
                ruleId,
                100,
                kind,
                params,
                null,
                effect,
                effect == PolicyEffect.REQUIRE_APPROVAL ? "finance-approver" : null,
                null,
                true);
    }

    public static CompiledPolicySet set(String version, RuleDraft... drafts) {
        return new CompiledPolicySet(
                version,
                java.util.Arrays.stream(drafts)
                        .map(d -> CompiledRule.of(RuleValidator.validate(d, null), 1))
                        .toList());
    }

    public static PolicyInput input(Map<String, Object> args) {
        return new PolicyInput(
                Map.of(
                        "agent_id",
                        "a-1",
                        "task_type",
                        "invoice.pay",
                        "requestedAction",
                        Map.of("tool", "erp", "action", "release_payment", "arguments", args),
                        "evidence",
                        List.of(Map.of("source", "invoice.pdf", "excerpt", "Total due: 420.00 EUR")),
                        "confidence",
                        0.93),
                args,
                Map.of("id", "a-1", "name", "ap-bot", "tier", "EXECUTE_WITH_APPROVAL", "workflow", "accounts-payable"),
                Map.of("type", "invoice.pay"),
                Map.of("request_cost_usd", 0.02, "tenant_day_remaining_usd", 120.5, "exhausted", false),
                Map.of("labels", List.of("finance"), "channel", "email"),
                Map.of("agent_minute", 3L, "agent_tool_hour", 40L));
    }
}

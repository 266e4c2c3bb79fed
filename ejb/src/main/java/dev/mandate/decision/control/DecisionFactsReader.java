package dev.mandate.decision.control;

import dev.mandate.agent.entity.AgentSnapshot;
import dev.mandate.agent.entity.AuthorityTier;
import dev.mandate.budget.control.BudgetLedger;
import dev.mandate.budget.entity.BudgetCap;
import dev.mandate.catalog.control.ArgumentSchemas;
import dev.mandate.catalog.entity.ToolActionDefinition;
import dev.mandate.catalog.entity.ToolDefinition;
import dev.mandate.decision.control.DecisionConfiguration.ActiveKillSwitch;
import dev.mandate.decision.entity.EnvelopeSubmission;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.error.ProblemType;
import dev.mandate.platform.error.Violation;
import dev.mandate.platform.tracing.SpanAttributes;
import dev.mandate.platform.tracing.Step;
import dev.mandate.platform.tracing.Tracing;
import dev.mandate.policy.control.ActivePolicies;
import dev.mandate.policy.control.PolicyCache;
import dev.mandate.policy.control.PolicyOutcome;
import dev.mandate.rbac.control.AgentGrants;
import dev.mandate.taxonomy.entity.TaskTypeDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers what one envelope's decision depends on, in the decision's transaction: checks the envelope
 * against the catalogue and the task taxonomy (422 where it names what does not exist or its arguments
 * do not fit the action's schema), then reads the agent's tier, the kill switches, the budgets left, the
 * refusal conditions, the policy's findings and the roles that permit the action.
 */
@ApplicationScoped
public class DecisionFactsReader {

    @Inject
    ArgumentSchemas schemas;

    @Inject
    BudgetLedger ledger;

    @Inject
    AgentGrants grants;

    @Inject
    PolicyCache policyCache;

    @Inject
    ActivePolicies activePolicies;

    @Inject
    PolicyInputs policyInputs;

    @Inject
    Tracing tracing;

    /** What was gathered: the facts the rules decide on, and what the rest of the decision needs. */
    public record Gathered(
            TaskTypeDefinition taskType,
            ToolDefinition tool,
            ToolActionDefinition action,
            AuthorityTier tier,
            List<BudgetCap> budgets,
            Map<String, BigDecimal> budgetBefore,
            PolicyFindings policy,
            DecisionFacts facts) {}

    public Gathered read(
            String tenant, EnvelopeSubmission submission, DecisionConfiguration configuration, AgentSnapshot agent) {
        TaskTypeDefinition taskType;
        ToolDefinition tool;
        ToolActionDefinition action;
        try (Step step = tracing.start("mandate.decision.taxonomy")) {
            try {
                taskType = configuration
                        .taskType(submission.taskType())
                        .orElseThrow(() -> unprocessable("taskType", "no task type '" + submission.taskType() + "'"));
                tool = configuration
                        .tool(submission.tool())
                        .orElseThrow(
                                () -> unprocessable("requestedAction.tool", "no tool '" + submission.tool() + "'"));
                ToolDefinition named = tool;
                action = DecisionConfiguration.action(tool, submission.action())
                        .orElseThrow(() -> unprocessable(
                                "requestedAction.action",
                                "tool '" + named.key() + "' has no action '" + submission.action() + "'"));
                List<Violation> violations = schemas.validate(
                        action.argumentSchema(), submission.arguments().toString());
                if (!violations.isEmpty()) {
                    throw new InvalidRequestException(
                            ProblemType.UNPROCESSABLE,
                            "the arguments do not satisfy the tool action's schema",
                            violations);
                }
                if (submission.idempotencyKey() == null && !action.riskClass().isReadOnly()) {
                    throw new IdempotencyKeyRequiredException(
                            "an envelope for a " + action.riskClass() + " action needs an Idempotency-Key header");
                }
                step.set(SpanAttributes.RISK_CLASS, action.riskClass().name());
            } catch (RuntimeException refused) {
                step.failed(refused.getClass().getSimpleName());
                throw refused;
            }
        }

        AuthorityTier tier;
        try (Step step = tracing.start("mandate.decision.tier")) {
            tier = policyInputs.tier(tenant, configuration, agent, tool.key());
            step.set(SpanAttributes.TIER, tier.name());
        }
        String killSwitch;
        try (Step step = tracing.start("mandate.decision.kill_switch")) {
            killSwitch = configuration
                    .killSwitchFor(agent.id(), tool.key())
                    .map(ActiveKillSwitch::description)
                    .orElse(null);
            step.set(SpanAttributes.KILL_SWITCH_ACTIVE, killSwitch != null);
        }
        List<BudgetCap> budgets = configuration.budgetsFor(tenant, agent.id());
        // nothing to read where there are no budget caps, or where the policy version compiled already
        Map<String, BigDecimal> budgetBefore = budgets.isEmpty() ? new LinkedHashMap<>() : ledger.remaining(budgets);
        PolicyFindings policy;
        try (Step step = tracing.start("mandate.decision.rules")) {
            policy = findings(policyCache
                    .getOrRead(tenant, configuration.policyVersion(), () -> activePolicies.active(tenant))
                    .evaluate(policyInputs.of(submission, agent, tier, taskType, tool, action, budgetBefore)));
            if (step.recording()) {
                step.set(SpanAttributes.POLICY_VERSION, policy.policyVersion())
                        .setList(
                                SpanAttributes.RULE_IDS,
                                policy.fired().stream()
                                        .map(PolicyFindings.Finding::ruleId)
                                        .toList());
            }
        }
        DecisionFacts.Permit permit;
        try (Step step = tracing.start("mandate.decision.roles")) {
            permit = new DecisionFacts.Permit(
                    tool.key() + ":" + action.key(),
                    configuration.permittingRoles(
                            agent.id(), tool.key(), action.key(), agentId -> grants.of(tenant, agentId)));
            step.set(SpanAttributes.PERMITTED, !permit.roles().isEmpty());
        }
        DecisionFacts facts = new DecisionFacts(
                permit,
                action.riskClass(),
                tier,
                killSwitch,
                DecisionConfiguration.allows(taskType, tool.key(), action.key()),
                RefusalMatcher.firstMatch(taskType.refusalConditions(), submission.envelope())
                        .orElse(null),
                policy,
                agent.shadowMode() || taskType.shadowMode(),
                hasSponsor(agent),
                lowConfidence(taskType.minConfidence(), submission.envelope()));
        return new Gathered(taskType, tool, action, tier, budgets, budgetBefore, policy, facts);
    }

    /** Why the envelope's confidence falls short of the task type's threshold, or null where it does not. */
    static String lowConfidence(BigDecimal threshold, JsonObject envelope) {
        if (threshold == null) {
            return null;
        }
        String least = threshold.stripTrailingZeros().toPlainString();
        JsonValue reported = envelope.get("confidence");
        if (!(reported instanceof JsonNumber confidence)) {
            return "no confidence reported; the task type asks for at least " + least;
        }
        BigDecimal value = confidence.bigDecimalValue();
        return value.compareTo(threshold) < 0 ? value.toPlainString() + " is below the task type's " + least : null;
    }

    private static boolean hasSponsor(AgentSnapshot agent) {
        String sponsor = agent.profile().sponsor();
        return sponsor != null && !sponsor.isBlank();
    }

    private static PolicyFindings findings(PolicyOutcome outcome) {
        return new PolicyFindings(
                outcome.policyVersion(),
                outcome.fired().stream()
                        .map(f -> new PolicyFindings.Finding(
                                f.ruleId(), f.effect().name(), f.approverRole(), f.reason()))
                        .toList());
    }

    private static InvalidRequestException unprocessable(String field, String message) {
        return new InvalidRequestException(
                ProblemType.UNPROCESSABLE, field + ": " + message, List.of(new Violation(field, message)));
    }
}

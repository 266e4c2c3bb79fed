package dev.mandate.decision.control;

import dev.mandate.agent.entity.AgentSnapshot;
import dev.mandate.agent.entity.AuthorityTier;
import dev.mandate.authority.control.ToolTierOverrides;
import dev.mandate.catalog.entity.ToolActionDefinition;
import dev.mandate.catalog.entity.ToolDefinition;
import dev.mandate.decision.entity.EnvelopeSubmission;
import dev.mandate.platform.json.PlainJson;
import dev.mandate.policy.control.PolicyInput;
import dev.mandate.taxonomy.entity.TaskTypeDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the policy rules see of an envelope (its body, arguments, agent, task, budget, context and rate
 * counters), and the agent's tier for a tool: the same for a decision and for a what-if replay.
 */
@ApplicationScoped
public class PolicyInputs {

    @Inject
    RateCounters rateCounters;

    @Inject
    ToolTierOverrides tierOverrides;

    /** The agent's tier for the tool; its overrides are read once per configuration generation. */
    public AuthorityTier tier(String tenant, DecisionConfiguration configuration, AgentSnapshot agent, String tool) {
        return configuration.tier(agent, tool, agentId -> tierOverrides.of(tenant, agentId));
    }

    public PolicyInput of(
            EnvelopeSubmission submission,
            AgentSnapshot agent,
            AuthorityTier tier,
            TaskTypeDefinition taskType,
            ToolDefinition tool,
            ToolActionDefinition action,
            Map<String, BigDecimal> budgetRemaining) {
        Map<String, Object> agentFacts = new LinkedHashMap<>();
        agentFacts.put("id", agent.id());
        agentFacts.put("name", agent.name());
        agentFacts.put("tier", tier.name());
        agentFacts.put("defaultTier", agent.profile().defaultTier().name());
        agentFacts.put("workflow", agent.profile().workflow());
        agentFacts.put("sponsor", agent.profile().sponsor());
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("id", submission.taskId());
        task.put("type", taskType.key());
        task.put("riskLevel", taskType.riskLevel().name());
        task.put("workflow", taskType.workflow());
        task.put("tool", tool.key());
        task.put("action", action.key());
        task.put("riskClass", action.riskClass().name());
        task.put("blastRadius", action.riskClass().isBlastRadius());
        Map<String, Object> budget = new LinkedHashMap<>();
        budgetRemaining.forEach(
                (label, left) -> budget.put(label.replace(' ', '_').toLowerCase(Locale.ROOT), left.doubleValue()));
        budget.put("cost", submission.cost().doubleValue());
        Map<String, Object> context = PlainJson.map(submission.envelope().getJsonObject("policyContext"));
        // read only if a rule reads them: most policy sets have no rate rule
        Map<String, Object> rate = new OnDemandMap(() -> rateCounters.counters(agent.id(), tool.key(), Instant.now()));
        return new PolicyInput(
                PlainJson.map(submission.envelope()),
                PlainJson.map(submission.arguments()),
                agentFacts,
                task,
                budget,
                context,
                rate);
    }
}

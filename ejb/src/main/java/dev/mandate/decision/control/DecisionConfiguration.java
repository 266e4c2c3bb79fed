package dev.mandate.decision.control;

import dev.mandate.agent.entity.AgentSnapshot;
import dev.mandate.agent.entity.AuthorityTier;
import dev.mandate.budget.entity.BudgetCap;
import dev.mandate.catalog.entity.ToolActionDefinition;
import dev.mandate.catalog.entity.ToolDefinition;
import dev.mandate.killswitch.entity.KillSwitchScope;
import dev.mandate.rbac.entity.Grants;
import dev.mandate.taxonomy.entity.TaskTypeDefinition;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a decision reads from its tenant's configuration, as of one generation: task types, tools and
 * their actions, the active kill switches (the tenant's and the global ones), the budget caps, the
 * policy version, and the agents' tool tiers and role grants (read on demand). Immutable but for the tiers it has read,
 * so one instance serves every concurrent decision of the generation.
 *
 * @param generation the generation it was read at, or null if it may not be reused
 */
public record DecisionConfiguration(
        String generation,
        String policyVersion,
        Map<String, TaskTypeDefinition> taskTypes,
        Map<String, ToolDefinition> tools,
        List<ActiveKillSwitch> killSwitches,
        List<BudgetCap> budgets,
        AgentToolTiers toolTiers,
        AgentPermissions permissions) {

    /** A kill switch that is on, and how a decision names it (e.g. "AGENT 1234… (runaway loop, by alice)"). */
    public record ActiveKillSwitch(KillSwitchScope scope, String target, String description) {

        boolean stops(String agentId, String toolKey) {
            return switch (scope) {
                case GLOBAL, TENANT -> true;
                case AGENT -> target.equals(agentId);
                case TOOL -> target.equals(toolKey);
            };
        }
    }

    public DecisionConfiguration {
        taskTypes = Map.copyOf(taskTypes);
        tools = Map.copyOf(tools);
        // the order the reasons have always named them in: by scope name, then (budgets) by period
        killSwitches = killSwitches.stream()
                .sorted(Comparator.comparing(k -> k.scope().name()))
                .toList();
        budgets = budgets.stream()
                .sorted(Comparator.comparing((BudgetCap b) -> b.scope().name())
                        .thenComparing(b -> b.period().name()))
                .toList();
    }

    public static DecisionConfiguration of(
            String generation,
            String policyVersion,
            List<TaskTypeDefinition> taskTypes,
            List<ToolDefinition> tools,
            List<ActiveKillSwitch> killSwitches,
            List<BudgetCap> budgets) {
        return new DecisionConfiguration(
                generation,
                policyVersion,
                taskTypes.stream().collect(Collectors.toMap(TaskTypeDefinition::key, Function.identity())),
                tools.stream().collect(Collectors.toMap(ToolDefinition::key, Function.identity())),
                killSwitches,
                budgets,
                new AgentToolTiers(),
                new AgentPermissions());
    }

    public Optional<TaskTypeDefinition> taskType(String key) {
        return Optional.ofNullable(taskTypes.get(key));
    }

    public Optional<ToolDefinition> tool(String key) {
        return Optional.ofNullable(tools.get(key));
    }

    public static Optional<ToolActionDefinition> action(ToolDefinition tool, String key) {
        return tool.actions().stream().filter(a -> a.key().equals(key)).findFirst();
    }

    /**
     * The agent's tier for the tool: its override for the tool, else its default. {@code overrides}
     * reads an agent's overrides (tool key → tier) the first time this generation needs them.
     */
    public AuthorityTier tier(
            AgentSnapshot agent, String toolKey, Function<String, Map<String, AuthorityTier>> overrides) {
        return toolTiers
                .of(agent.id(), overrides)
                .getOrDefault(toolKey, agent.profile().defaultTier());
    }

    /**
     * The names of the agent's roles that permit this action; empty when none does. {@code grants} reads
     * an agent's grants the first time this generation needs them.
     */
    public List<String> permittingRoles(
            String agentId, String toolKey, String actionKey, Function<String, Grants> grants) {
        return permissions.of(agentId, grants).permittingRoles(toolKey, actionKey);
    }

    /** The first switch that stops this agent using this tool, if any. */
    public Optional<ActiveKillSwitch> killSwitchFor(String agentId, String toolKey) {
        return killSwitches.stream().filter(k -> k.stops(agentId, toolKey)).findFirst();
    }

    /** The budget caps on this agent's decisions: the tenant's and its own. */
    public List<BudgetCap> budgetsFor(String tenant, String agentId) {
        return budgets.stream().filter(b -> b.appliesTo(tenant, agentId)).toList();
    }

    public static boolean allows(TaskTypeDefinition taskType, String tool, String action) {
        return taskType.allowedTools().stream().anyMatch(allowed -> allowed.allows(tool, action));
    }
}

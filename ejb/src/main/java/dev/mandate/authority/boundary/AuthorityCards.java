package dev.mandate.authority.boundary;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.agent.boundary.Agents;
import dev.mandate.agent.entity.Agent;
import dev.mandate.agent.entity.AgentProfile;
import dev.mandate.agent.entity.AuthorityTier;
import dev.mandate.authority.control.ToolTierOverrides;
import dev.mandate.budget.control.BudgetLedger;
import dev.mandate.catalog.boundary.Tools;
import dev.mandate.catalog.entity.RiskClass;
import dev.mandate.catalog.entity.Tool;
import dev.mandate.catalog.entity.ToolAction;
import dev.mandate.decision.control.DecisionRules;
import dev.mandate.killswitch.boundary.KillSwitches;
import dev.mandate.platform.security.Caller;
import dev.mandate.rbac.boundary.Roles;
import dev.mandate.rbac.control.ApproverRoles;
import dev.mandate.rbac.entity.Grants;
import dev.mandate.rbac.entity.PrincipalType;
import dev.mandate.rbac.entity.Role;
import dev.mandate.taxonomy.boundary.Taxonomy;
import dev.mandate.taxonomy.entity.AllowedTool;
import dev.mandate.taxonomy.entity.TaskType;
import dev.mandate.taxonomy.entity.TaskTypeDefinition;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * An agent's whole authority on one page: who answers for it, what it may do with which tool under
 * which tier, what needs whose approval, the limits, the budgets left, and whatever stops it now.
 */
@Stateless
public class AuthorityCards {

    @EJB
    Agents agents;

    @Inject
    ToolTierOverrides tierOverrides;

    @Inject
    ApproverRoles approverRoles;

    @EJB
    Roles roles;

    @EJB
    Taxonomy taxonomy;

    @EJB
    Tools tools;

    @Inject
    BudgetLedger ledger;

    @EJB
    KillSwitches killSwitches;

    public JsonObject card(Caller caller, String agentId) {
        Agent agent = agents.get(caller, agentId);
        AgentProfile profile = agent.profile();
        Map<String, AuthorityTier> overrides = tierOverrides.of(caller.tenant(), agent.id());

        JsonObjectBuilder about =
                JSON.createObjectBuilder().add("id", agent.id()).add("name", profile.name());
        if (agent.hasSponsor()) {
            about.add("sponsor", profile.sponsor());
        } else {
            about.addNull("sponsor");
        }
        JsonObjectBuilder card = JSON.createObjectBuilder()
                .add(
                        "agent",
                        about.add("status", agent.status().name())
                                .add("defaultTier", profile.defaultTier().name())
                                .add("shadowMode", agent.shadowMode())
                                .add("workflow", profile.workflow() == null ? "" : profile.workflow()));
        // what stops every action of the agent, whatever the tool: said first, as the decision path checks it
        JsonArrayBuilder blockedBy = JSON.createArrayBuilder();
        if (!agent.hasSponsor()) {
            blockedBy.add(DecisionRules.NO_SPONSOR);
        }
        card.add("blockedBy", blockedBy);
        JsonObjectBuilder tiers = JSON.createObjectBuilder();
        overrides.forEach((tool, tier) -> tiers.add(tool, tier.name()));
        card.add("toolTiers", tiers);

        JsonArrayBuilder held = JSON.createArrayBuilder();
        List<Role> heldRoles = roles.heldBy(caller, PrincipalType.AGENT, agent.id());
        Grants grants = Grants.ofRoles(heldRoles);
        for (Role role : heldRoles) {
            JsonArrayBuilder permissions = JSON.createArrayBuilder();
            role.definition().permissions().stream()
                    .map(p -> p.tool() + ":" + p.action())
                    .sorted()
                    .forEach(permissions::add);
            held.add(JSON.createObjectBuilder().add("name", role.name()).add("permissions", permissions));
        }
        card.add("roles", held);

        JsonArrayBuilder taskTypes = JSON.createArrayBuilder();
        if (profile.workflow() != null) {
            taxonomy.findWorkflow(caller.tenant(), profile.workflow())
                    .ifPresent(workflow -> taxonomy.taskTypesOf(caller.tenant(), workflow)
                            .forEach(taskType -> taskTypes.add(
                                    taskType(caller, agent, overrides, grants, taskType, workflow.key()))));
        }
        card.add("taskTypes", taskTypes);

        JsonObjectBuilder budgets = JSON.createObjectBuilder();
        ledger.remaining(caller.tenant(), agent.id())
                .forEach((label, left) -> budgets.add(label, left.stripTrailingZeros()));
        card.add("budgetRemaining", budgets);

        JsonArrayBuilder stops = JSON.createArrayBuilder();
        killSwitches.visible(caller).stream()
                .filter(k -> k.active())
                .filter(k -> switch (k.scope()) {
                    case GLOBAL, TENANT -> true;
                    case AGENT -> k.target().equals(agent.id());
                    case TOOL -> true;
                })
                .forEach(k -> stops.add(k.describe()));
        card.add("activeKillSwitches", stops);
        return card.build();
    }

    /** The task type's actions the agent's roles permit (least privilege: the others are denied). */
    private JsonObject taskType(
            Caller caller,
            Agent agent,
            Map<String, AuthorityTier> overrides,
            Grants grants,
            TaskType taskType,
            String workflow) {
        TaskTypeDefinition d = taskType.definition(workflow);
        JsonArrayBuilder actions = JSON.createArrayBuilder();
        d.allowedTools().stream()
                .sorted(Comparator.comparing(AllowedTool::tool).thenComparing(AllowedTool::action))
                .forEach(allowed -> tools.find(caller.tenant(), allowed.tool())
                        .ifPresent(tool -> actionsOf(tool, allowed).forEach(action -> {
                            List<String> permittedBy = grants.permittingRoles(tool.key(), action.key());
                            if (permittedBy.isEmpty()) {
                                return;
                            }
                            AuthorityTier tier = overrides.getOrDefault(
                                    tool.key(), agent.profile().defaultTier());
                            String outcome = agent.hasSponsor() ? typicalOutcome(tier, action.riskClass()) : "DENY";
                            JsonObjectBuilder line = JSON.createObjectBuilder()
                                    .add("tool", tool.key())
                                    .add("action", action.key())
                                    .add("riskClass", action.riskClass().name())
                                    .add("tier", tier.name())
                                    .add("outcome", outcome)
                                    .add("permittedBy", JSON.createArrayBuilder(permittedBy));
                            if (outcome.equals("REQUIRE_APPROVAL")) {
                                JsonArrayBuilder approvers = JSON.createArrayBuilder();
                                approverRoles
                                        .covering(caller.tenant(), tool.key(), action.key())
                                        .forEach(approvers::add);
                                line.add("approverRoles", approvers);
                            }
                            actions.add(line);
                        })));
        JsonArrayBuilder refusals = JSON.createArrayBuilder();
        d.refusalConditions()
                .forEach(r -> refusals.add(r.fieldPath() + " " + r.operator()
                        + (r.operand() == null ? "" : " " + r.operand()) + " → " + r.reason()));
        JsonObjectBuilder limits = JSON.createObjectBuilder();
        if (d.limits().maxModelCalls() != null) {
            limits.add("maxModelCalls", d.limits().maxModelCalls());
        }
        if (d.limits().maxToolCalls() != null) {
            limits.add("maxToolCalls", d.limits().maxToolCalls());
        }
        if (d.limits().maxCostPerTask() != null) {
            limits.add("maxCostPerTask", d.limits().maxCostPerTask());
        }
        JsonObjectBuilder line = JSON.createObjectBuilder()
                .add("key", d.key())
                .add("name", d.name())
                .add("riskLevel", d.riskLevel().name())
                .add("shadowMode", d.shadowMode())
                .add("actions", actions)
                .add("refusalConditions", refusals)
                .add("limits", limits);
        if (d.minConfidence() != null) {
            // below it, a person decides (the escalation queue)
            line.add("minConfidence", d.minConfidence());
        }
        return line.build();
    }

    private static List<ToolAction> actionsOf(Tool tool, AllowedTool allowed) {
        return "*".equals(allowed.action())
                ? tool.definition().actions().stream()
                        .map(a -> tool.action(a.key()).orElseThrow())
                        .toList()
                : tool.action(allowed.action()).stream().toList();
    }

    /** What the tier and risk class give before policy rules, budget and kill switches. */
    static String typicalOutcome(AuthorityTier tier, RiskClass risk) {
        if (risk.isReadOnly()) {
            return "ALLOW";
        }
        return switch (tier) {
            case READ_ONLY -> "DENY";
            case SUGGEST_ONLY, EXECUTE_WITH_APPROVAL -> "REQUIRE_APPROVAL";
            case AUTONOMOUS -> risk.isBlastRadius() ? "REQUIRE_APPROVAL" : "ALLOW";
        };
    }
}

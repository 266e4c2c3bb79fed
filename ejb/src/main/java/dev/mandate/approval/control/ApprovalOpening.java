package dev.mandate.approval.control;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.approval.entity.ApprovalStatus;
import dev.mandate.decision.control.DecisionBudgets;
import dev.mandate.decision.control.DecisionFollowUp;
import dev.mandate.decision.entity.Decision;
import dev.mandate.platform.sql.Sql;
import dev.mandate.routing.control.ApprovalRouting;
import dev.mandate.routing.entity.ApprovalRoute;
import dev.mandate.routing.entity.SlaClass;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Opens the approval request of a REQUIRE_APPROVAL decision, in the decision's transaction: bound to the
 * hash of the envelope's arguments, routed (approvers, M of N, the sponsor's say, SLA class and due time),
 * with what the decision held of the budget. The request's id is the envelope's.
 */
@ApplicationScoped
public class ApprovalOpening implements DecisionFollowUp {

    @Inject
    ApprovalRouting routing;

    @Inject
    ApprovalEvents events;

    @Override
    public Added follow(Recorded decision, Sql.Writes writes) {
        if (decision.verdict().decision() != Decision.REQUIRE_APPROVAL) {
            return null;
        }
        String tenant = decision.tenant();
        String riskClass = decision.gathered().action().riskClass().name();
        String taskType = decision.gathered().taskType().key();
        ApprovalRoute route = routing.route(tenant, decision.verdict().ruleIds(), taskType, riskClass);
        SlaClass sla = routing.slaClass(tenant, route.slaClass());
        Instant now = Instant.now();
        Instant due = now.plusSeconds(sla.decideWithinSeconds());
        String id = decision.envelopeId();
        String hash = ArgumentsHash.ofEnvelope(decision.submission().envelope());
        writes.add(
                "insert into approval_request (id, tenant_id, envelope_id, agent_id, sponsor, task_id, task_type,"
                        + " tool_key, action_key, risk_class, arguments_hash, required_approvals, sponsor_may_approve,"
                        + " sla_class, on_expiry, due_at, warn_at, warned, fallback, status, held_cost, model_calls,"
                        + " callback_url, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false,"
                        + " false, ?, ?, ?, ?, ?)",
                id,
                tenant,
                decision.envelopeId(),
                decision.agent().id(),
                decision.agent().profile().sponsor(),
                decision.submission().taskId(),
                taskType,
                decision.gathered().tool().key(),
                decision.gathered().action().key(),
                riskClass,
                hash,
                route.requiredApprovals(),
                route.sponsorMayApprove(),
                sla.name(),
                sla.onExpiry().name(),
                due,
                due.minusSeconds(sla.warnBeforeSeconds()),
                ApprovalStatus.PENDING.name(),
                DecisionBudgets.costWithTool(decision.submission(), decision.gathered()),
                decision.submission().modelCalls(),
                decision.submission().envelope().getString("callbackUrl", null),
                now);
        Set<String> roles = new LinkedHashSet<>(decision.approverRoles());
        for (String role : roles) {
            writes.add("insert into approval_route (approval_id, role_name, fallback) values (?, ?, false)", id, role);
        }
        for (String role : sla.fallbackRoles()) {
            if (!roles.contains(role)) {
                writes.add(
                        "insert into approval_route (approval_id, role_name, fallback) values (?, ?, true)", id, role);
            }
        }
        events.created(writes, tenant, id, decision.envelopeId(), sla.name(), due);
        JsonArrayBuilder approverRoles = JSON.createArrayBuilder();
        roles.forEach(approverRoles::add);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("approvalId", id);
        details.put("argumentsHash", hash);
        details.put("requiredApprovals", Integer.toString(route.requiredApprovals()));
        details.put("slaClass", sla.name());
        details.put("dueAt", due.toString());
        return new Added(
                "approval",
                JSON.createObjectBuilder()
                        .add("id", id)
                        .add("status", ApprovalStatus.PENDING.name())
                        .add("argumentsHash", hash)
                        .add("approverRoles", approverRoles)
                        .add("requiredApprovals", route.requiredApprovals())
                        .add("slaClass", sla.name())
                        .add("dueAt", due.toString())
                        .add("href", "/api/v1/approvals/" + id)
                        .build(),
                details);
    }
}

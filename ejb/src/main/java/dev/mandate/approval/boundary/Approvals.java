package dev.mandate.approval.boundary;

import dev.mandate.approval.control.ApprovalEvents;
import dev.mandate.approval.control.ApprovalStore;
import dev.mandate.approval.control.ApprovalStore.ApprovalQuery;
import dev.mandate.approval.control.ArgumentsHash;
import dev.mandate.approval.entity.ApprovalStatus;
import dev.mandate.approval.entity.ApprovalView;
import dev.mandate.audit.control.AuditAppender;
import dev.mandate.audit.entity.AuditEntry;
import dev.mandate.budget.control.BudgetLedger;
import dev.mandate.decision.control.EnvelopeTraces;
import dev.mandate.execution.control.ApprovedExecutions;
import dev.mandate.execution.control.KillSwitchCheck;
import dev.mandate.execution.entity.QueuedExecution;
import dev.mandate.labelling.control.LabelledExamples;
import dev.mandate.platform.error.AccessDeniedException;
import dev.mandate.platform.error.ConflictException;
import dev.mandate.platform.error.ResourceNotFoundException;
import dev.mandate.platform.json.JsonStrings;
import dev.mandate.platform.security.BuiltInRole;
import dev.mandate.platform.security.Caller;
import dev.mandate.platform.sql.Sql;
import dev.mandate.platform.tracing.SpanAttributes;
import dev.mandate.platform.tracing.Step;
import dev.mandate.rbac.control.ApproverRoles;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * People decide approval requests. Each vote locks its request first, so votes, expiry and the decision on
 * one request run one after the other: two approvers at the same instant, or one clicking twice, make one
 * decision and at most one execution. Approving executes exactly the arguments the request is bound to.
 */
@Stateless
public class Approvals {

    @Inject
    EnvelopeTraces traces;

    @Inject
    ApprovalStore store;

    @Inject
    ApproverRoles approverRoles;

    @Inject
    KillSwitchCheck killSwitches;

    @Inject
    ApprovedExecutions executions;

    @Inject
    BudgetLedger budgets;

    @Inject
    LabelledExamples examples;

    @Inject
    AuditAppender audit;

    @Inject
    ApprovalEvents events;

    @Inject
    Sql sql;

    /** A request after a vote, and the execution its approval queued (to start once committed), if any. */
    public record Voted(ApprovalView approval, QueuedExecution queued, boolean repeated) {}

    /** Visible to the tenant's people, and to the agent that asked for it. */
    public ApprovalView get(Caller caller, String id) {
        ApprovalView approval = store.view(caller.tenant(), id).orElseThrow(() -> notFound(id));
        if (caller.isAgent() && !approval.agentId().equals(caller.subject())) {
            throw notFound(id);
        }
        return approval;
    }

    public Optional<ApprovalView> ofEnvelope(String tenant, String envelopeId) {
        return store.view(tenant, envelopeId);
    }

    /**
     * An approver sees what they may decide; an administrator or auditor sees every request of the tenant.
     */
    public List<ApprovalView> page(Caller caller, ApprovalQuery query) {
        boolean overseer = caller.hasGroup(BuiltInRole.ADMIN) || caller.hasGroup(BuiltInRole.AUDITOR);
        if (overseer) {
            return store.page(query);
        }
        return store.page(new ApprovalQuery(
                caller.tenant(),
                query.status(),
                query.agentId(),
                query.taskType(),
                query.riskClass(),
                query.breached(),
                caller.subject(),
                query.afterDueAt(),
                query.afterId(),
                query.limit()));
    }

    /**
     * @param argumentsHash the hash the approver saw, if the client sends it: a request bound to other
     *     arguments is not approved
     */
    public Voted approve(Caller caller, String id, String reason, String argumentsHash) {
        ApprovalView approval = store.locked(caller.tenant(), id).orElseThrow(() -> notFound(id));
        try (Step step = traced("mandate.approval.approve", approval)) {
            try {
                Voted voted = approve(caller, approval, reason, argumentsHash);
                step.set(SpanAttributes.OUTCOME, voted.approval().status().name());
                return voted;
            } catch (RuntimeException refused) {
                step.failed(refused.getClass().getSimpleName());
                throw refused;
            }
        }
    }

    private Voted approve(Caller caller, ApprovalView approval, String reason, String argumentsHash) {
        String id = approval.id();
        String role = mayDecide(caller, approval);
        Optional<ApprovalView.Vote> earlier = approval.voteOf(caller.subject());
        if (earlier.isPresent() && earlier.get().vote().equals("APPROVE")) {
            return new Voted(approval, null, true);
        }
        requirePending(approval);
        if (argumentsHash != null && !argumentsHash.equalsIgnoreCase(approval.argumentsHash())) {
            throw new ConflictException("the request is bound to arguments " + approval.argumentsHash() + ", not "
                    + argumentsHash + ": changed arguments need a new request");
        }
        EnvelopeFacts envelope = envelope(approval);
        if (!envelope.argumentsHash().equals(approval.argumentsHash())) {
            throw new ConflictException("the envelope's arguments no longer match the request: not approved");
        }
        Optional<String> killSwitch = killSwitches.stopping(approval.tenant(), approval.agentId(), approval.tool());
        if (killSwitch.isPresent()) {
            throw new ConflictException("KILL_SWITCH: " + killSwitch.get()
                    + "; not approved and nothing executed. The request stays pending until the switch is off or"
                    + " it expires");
        }
        if (earlier.isPresent()) {
            throw new ConflictException("you rejected this request already");
        }
        vote(approval, caller, "APPROVE", role, reason);
        long approvals = approval.approvals() + 1;
        Map<String, String> details = details(approval, reason);
        details.put("approvals", approvals + " of " + approval.requiredApprovals());
        if (approvals < approval.requiredApprovals()) {
            audit.append(entry(caller, approval, envelope, "approval.voted", "APPROVE", details));
            return new Voted(store.view(caller.tenant(), id).orElseThrow(), null, false);
        }
        decide(approval, ApprovalStatus.APPROVED, caller.subject(), reason);
        budgets.spendHeld(approval.envelopeId());
        Sql.Writes writes = sql.writes();
        Optional<QueuedExecution> queued = executions.queue(writes, approval.tenant(), approval.envelopeId());
        writes.run();
        details.put("execution", queued.isPresent() ? "queued" : "none (the action has no connector)");
        examples.record(judgement(approval, "APPROVED", reason, caller.subject()));
        audit.append(entry(caller, approval, envelope, "approval.approved", "APPROVED", details));
        return new Voted(store.view(caller.tenant(), id).orElseThrow(), queued.orElse(null), false);
    }

    /** One eligible person's rejection decides: nothing executes, and what was held is given back. */
    public Voted reject(Caller caller, String id, String reason) {
        ApprovalView approval = store.locked(caller.tenant(), id).orElseThrow(() -> notFound(id));
        try (Step step = traced("mandate.approval.reject", approval)) {
            try {
                Voted voted = reject(caller, approval, reason);
                step.set(SpanAttributes.OUTCOME, voted.approval().status().name());
                return voted;
            } catch (RuntimeException refused) {
                step.failed(refused.getClass().getSimpleName());
                throw refused;
            }
        }
    }

    private Voted reject(Caller caller, ApprovalView approval, String reason) {
        String id = approval.id();
        String role = mayDecide(caller, approval);
        Optional<ApprovalView.Vote> earlier = approval.voteOf(caller.subject());
        if (earlier.isPresent() && earlier.get().vote().equals("REJECT")) {
            return new Voted(approval, null, true);
        }
        requirePending(approval);
        EnvelopeFacts envelope = envelope(approval);
        sql.update("delete from approval_vote where approval_id = ? and approver = ?", id, caller.subject());
        vote(approval, caller, "REJECT", role, reason);
        decide(approval, ApprovalStatus.REJECTED, caller.subject(), reason);
        release(approval);
        examples.record(judgement(approval, "REJECTED", reason, caller.subject()));
        audit.append(entry(caller, approval, envelope, "approval.rejected", "REJECTED", details(approval, reason)));
        return new Voted(store.view(caller.tenant(), id).orElseThrow(), null, false);
    }

    /** Gives back what the decision held for the request: to the budgets and the agent's task. */
    public void release(ApprovalView approval) {
        budgets.releaseHeld(
                approval.tenant(),
                approval.agentId(),
                approval.taskId(),
                approval.envelopeId(),
                approval.modelCalls(),
                approval.heldCost());
    }

    /** The role the caller decides with; refuses everyone else (403) with the reason. */
    private String mayDecide(Caller caller, ApprovalView approval) {
        if (caller.isAgent() || caller.subject().equals(approval.agentId())) {
            throw new AccessDeniedException("an agent cannot approve or reject; the requesting agent least of all");
        }
        if (!approval.sponsorMayApprove()
                && approval.sponsor() != null
                && approval.sponsor().equalsIgnoreCase(caller.subject())) {
            throw new AccessDeniedException("the agent's sponsor may not decide its own agent's " + approval.riskClass()
                    + " actions (approval policy)");
        }
        Set<String> held =
                approverRoles.heldCovering(caller.tenant(), caller.subject(), approval.tool(), approval.action());
        return approval.decidingRoles().stream()
                .filter(role -> held.contains(role.toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new AccessDeniedException("deciding this request needs one of the approver roles "
                        + approval.decidingRoles() + " with a permission covering " + approval.tool() + ":"
                        + approval.action() + "; you hold none"));
    }

    private static void requirePending(ApprovalView approval) {
        if (approval.status() != ApprovalStatus.PENDING) {
            throw new ConflictException("the request is " + approval.status()
                    + (approval.decidedBy() == null ? "" : " (by " + approval.decidedBy() + ")") + " already");
        }
        if (approval.dueAt().toInstant().isBefore(Instant.now())) {
            throw new ConflictException("the request was due at " + approval.dueAt() + " and has expired");
        }
    }

    private void vote(ApprovalView approval, Caller caller, String vote, String role, String reason) {
        sql.update(
                "insert into approval_vote (approval_id, approver, vote, reason, role_name, created_at)"
                        + " values (?, ?, ?, ?, ?, ?)",
                approval.id(),
                caller.subject(),
                vote,
                reason,
                role,
                OffsetDateTime.now(ZoneOffset.UTC));
    }

    private void decide(ApprovalView approval, ApprovalStatus status, String by, String reason) {
        sql.update(
                "update approval_request set status = ?, decided_at = ?, decided_by = ?, decision_reason = ?"
                        + " where id = ? and status = 'PENDING'",
                status.name(),
                OffsetDateTime.now(ZoneOffset.UTC),
                by,
                reason,
                approval.id());
        Sql.Writes writes = sql.writes();
        events.decided(writes, approval, status, by, reason);
        writes.run();
    }

    /** A person's decision, in its own request's trace, linked to the span that decided the envelope. */
    private Step traced(String name, ApprovalView approval) {
        return traces.followUp(name, approval.tenant(), approval.envelopeId())
                .set(SpanAttributes.APPROVAL_ID, approval.id());
    }

    private EnvelopeFacts envelope(ApprovalView approval) {
        return sql.first(
                        "select trace_id, request_json from envelope where id = ? and tenant_id = ?",
                        r -> new EnvelopeFacts(
                                r.getString(1), ArgumentsHash.ofEnvelope(JsonStrings.object(r.getString(2)))),
                        approval.envelopeId(),
                        approval.tenant())
                .orElseThrow(() -> notFound(approval.id()));
    }

    private record EnvelopeFacts(String traceId, String argumentsHash) {}

    private static LabelledExamples.Judgement judgement(
            ApprovalView approval, String action, String reason, String by) {
        return new LabelledExamples.Judgement(
                approval.tenant(), "APPROVAL", approval.id(), approval.envelopeId(), action, reason, null, by);
    }

    private static Map<String, String> details(ApprovalView approval, String reason) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("approvalId", approval.id());
        details.put("envelopeId", approval.envelopeId());
        details.put("argumentsHash", approval.argumentsHash());
        if (reason != null) {
            details.put("reason", reason);
        }
        return details;
    }

    private static AuditEntry entry(
            Caller caller,
            ApprovalView approval,
            EnvelopeFacts envelope,
            String action,
            String outcome,
            Map<String, String> details) {
        return new AuditEntry(
                caller.tenant(),
                caller.subject(),
                approval.agentId(),
                approval.taskId(),
                envelope.traceId(),
                action,
                outcome,
                List.of(),
                approval.tool() + ":" + approval.action(),
                null,
                details);
    }

    private static ResourceNotFoundException notFound(String id) {
        return new ResourceNotFoundException("approval", id);
    }
}

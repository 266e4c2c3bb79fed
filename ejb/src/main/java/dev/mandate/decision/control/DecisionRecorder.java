package dev.mandate.decision.control;

import dev.mandate.agent.entity.AgentSnapshot;
import dev.mandate.audit.control.AuditAppender;
import dev.mandate.audit.entity.AuditEntry;
import dev.mandate.catalog.entity.ConnectorDefinition;
import dev.mandate.decision.control.DecisionFactsReader.Gathered;
import dev.mandate.decision.entity.Decision;
import dev.mandate.decision.entity.DecisionOutcome;
import dev.mandate.decision.entity.EnvelopeAnswer;
import dev.mandate.decision.entity.EnvelopeRecord;
import dev.mandate.decision.entity.EnvelopeSubmission;
import dev.mandate.execution.control.ExecutionJson;
import dev.mandate.execution.control.ExecutionOutbox;
import dev.mandate.execution.control.ReadResultCache;
import dev.mandate.execution.entity.QueuedExecution;
import dev.mandate.platform.security.Caller;
import dev.mandate.platform.sql.Sql;
import dev.mandate.platform.tracing.Step;
import dev.mandate.platform.tracing.Tracing;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Records a decision, the last step of its transaction, and owns its write batch: the envelope with
 * its answer and explain view, the idempotency key's answer, the rate counters and the audit record go
 * to the database together (on PostgreSQL in one request, after the audit chain is locked), and commit
 * together. What else must commit with a decision joins this batch here: an allowed action's execution
 * (the outbox row, or a read served from the cache) does, and what a {@link DecisionFollowUp} adds (an
 * approval request, an escalation item).
 */
@ApplicationScoped
public class DecisionRecorder {

    @Inject
    Sql sql;

    @Inject
    IdempotencyKeys idempotencyKeys;

    @Inject
    RateCounters rateCounters;

    @Inject
    AuditAppender appender;

    @Inject
    ExecutionOutbox outbox;

    @Inject
    ReadResultCache readCache;

    @Inject
    Tracing tracing;

    @Inject
    @Any
    Instance<DecisionFollowUp> followUpBeans;

    private List<DecisionFollowUp> followUps;

    @PostConstruct
    void findFollowUps() {
        followUps = followUpBeans.stream().toList();
    }

    /** A decision made, to record. */
    public record Decided(
            String envelopeId,
            AgentSnapshot agent,
            Gathered gathered,
            Verdict verdict,
            List<String> approverRoles,
            Map<String, BigDecimal> remaining) {}

    /**
     * @param keyClaim the idempotency key's claim where it was claimed before the decision's transaction,
     *     else null
     */
    public EnvelopeAnswer record(Caller caller, EnvelopeSubmission submission, String keyClaim, Decided decided) {
        Gathered gathered = decided.gathered();
        Verdict verdict = decided.verdict();
        String policyVersion = gathered.policy().policyVersion();
        String tool = gathered.tool().key();
        String action = gathered.action().key();
        EnvelopeJson json = new EnvelopeJson(decided.envelopeId(), submission.traceId(), policyVersion);
        String body = json.answer(verdict, decided.approverRoles(), decided.remaining());
        String onBehalfOf = submission.envelope().getString("onBehalfOf", null);
        // the decision's span: what follows later (execution attempts, approvals) continues or links to it
        String traceParent = tracing.traceparent();

        Sql.Writes writes = sql.writes();
        QueuedExecution queued = null;
        ConnectorDefinition connector = gathered.action().connector();
        if (verdict.decision() == Decision.ALLOW && connector != null) {
            ExecutionOutbox.Allowed allowed = new ExecutionOutbox.Allowed(
                    caller.tenant(),
                    decided.envelopeId(),
                    decided.agent().id(),
                    submission.taskId(),
                    submission.traceId(),
                    traceParent,
                    tool,
                    action,
                    onBehalfOf,
                    submission.arguments(),
                    connector,
                    submission.envelope().getString("callbackUrl", null));
            Optional<String> cached = connector.cacheTtlSeconds() > 0
                            && gathered.action().riskClass().isReadOnly()
                    ? readCache.get(caller.tenant(), tool, action, submission.arguments())
                    : Optional.empty();
            if (cached.isPresent()) {
                body = ExecutionJson.appendTo(body, outbox.servedFromCache(writes, allowed, cached.get()));
            } else {
                queued = outbox.queue(writes, allowed);
            }
        }
        Map<String, String> followUpDetails = new LinkedHashMap<>();
        if (verdict.decision() == Decision.REQUIRE_APPROVAL || verdict.decision() == Decision.ESCALATE) {
            DecisionFollowUp.Recorded recorded = new DecisionFollowUp.Recorded(
                    caller.tenant(),
                    decided.envelopeId(),
                    decided.agent(),
                    submission,
                    gathered,
                    verdict,
                    decided.approverRoles());
            for (DecisionFollowUp followUp : followUps) {
                DecisionFollowUp.Added added = followUp.follow(recorded, writes);
                if (added != null) {
                    body = EnvelopeJson.withMember(body, added.member(), added.value());
                    followUpDetails.putAll(added.auditDetails());
                }
            }
        }
        EnvelopeAnswer answer = new EnvelopeAnswer(
                200,
                body,
                false,
                queued,
                new DecisionOutcome(
                        caller.tenant(),
                        decided.envelopeId(),
                        decided.agent().id(),
                        submission.traceId(),
                        gathered.taskType().key(),
                        tool,
                        action,
                        verdict.decision(),
                        submission.cost()));
        store(
                writes,
                submission.envelope().getString("agentVersion", null),
                traceParent,
                new EnvelopeRecord(
                        decided.envelopeId(),
                        caller.tenant(),
                        decided.agent().id(),
                        submission.taskId(),
                        gathered.taskType().key(),
                        tool,
                        action,
                        submission.traceId(),
                        verdict.decision(),
                        EnvelopeJson.array(verdict.reasons()),
                        EnvelopeJson.array(verdict.ruleIds()),
                        policyVersion,
                        gathered.tier().name(),
                        gathered.action().riskClass().name(),
                        submission.cost(),
                        submission.envelope().toString(),
                        json.explain(
                                verdict,
                                gathered.facts(),
                                decided.approverRoles(),
                                decided.remaining(),
                                onBehalfOf,
                                submission.envelope().getBoolean("onBehalfOfProven", false)),
                        OffsetDateTime.now(ZoneOffset.UTC)));
        if (submission.idempotencyKey() != null) {
            idempotencyKeys.complete(
                    writes,
                    caller.tenant(),
                    decided.agent().id(),
                    submission.idempotencyKey(),
                    submission.requestHash(),
                    answer,
                    keyClaim);
        }
        rateCounters.count(writes, caller.tenant(), decided.agent().id(), tool, Instant.now());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("envelopeId", decided.envelopeId());
        details.put("tool", tool + ":" + action);
        details.put("riskClass", gathered.action().riskClass().name());
        details.put("tier", gathered.tier().name());
        details.put("reasons", String.join(" | ", verdict.reasons()));
        details.putAll(followUpDetails);
        if (onBehalfOf != null) {
            details.put("onBehalfOf", onBehalfOf);
            details.put(
                    "onBehalfOfProven", Boolean.toString(submission.envelope().getBoolean("onBehalfOfProven", false)));
        }
        // the append's lock of the agent's audit chain precedes every write above (see RateCounters.count)
        try (Step step = tracing.start("mandate.audit.append")) {
            append(writes, caller, submission, decided, verdict, policyVersion, details);
        }
        return answer;
    }

    private void append(
            Sql.Writes writes,
            Caller caller,
            EnvelopeSubmission submission,
            Decided decided,
            Verdict verdict,
            String policyVersion,
            Map<String, String> details) {
        appender.appendTo(
                writes,
                new AuditEntry(
                        caller.tenant(),
                        caller.subject(),
                        decided.agent().id(),
                        submission.taskId(),
                        submission.traceId(),
                        "envelope.decided",
                        verdict.decision().name(),
                        verdict.ruleIds(),
                        EnvelopeSummaries.of(submission),
                        policyVersion,
                        details));
        writes.run();
    }

    private static void store(Sql.Writes writes, String agentVersion, String traceParent, EnvelopeRecord r) {
        writes.add(
                "insert into envelope (id, tenant_id, agent_id, task_id, task_type, tool_key, action_key, trace_id,"
                        + " decision, reasons, rule_ids, policy_version, tier, risk_class, cost, request_json,"
                        + " explain_json, created_at, agent_version, trace_parent)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                r.id(),
                r.tenant(),
                r.agentId(),
                r.taskId(),
                r.taskType(),
                r.tool(),
                r.action(),
                r.traceId(),
                r.decision().name(),
                r.reasonsJson(),
                r.ruleIdsJson(),
                r.policyVersion(),
                r.tier(),
                r.riskClass(),
                r.cost(),
                r.requestJson(),
                r.explainJson(),
                r.createdAt(),
                agentVersion,
                traceParent);
    }
}

package dev.mandate.decision.boundary;

import dev.mandate.agent.control.ActiveAgents;
import dev.mandate.decision.control.AgentMismatchException;
import dev.mandate.decision.control.IdempotencyKeyRequiredException;
import dev.mandate.decision.control.IdempotencyKeys;
import dev.mandate.decision.entity.Decision;
import dev.mandate.decision.entity.DecisionOutcome;
import dev.mandate.decision.entity.EnvelopeAnswer;
import dev.mandate.decision.entity.EnvelopeSubmission;
import dev.mandate.eventlog.control.EventLog;
import dev.mandate.execution.boundary.ExecutionAnswers;
import dev.mandate.metrics.control.MandateMetrics;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.security.Caller;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.concurrent.CompletionStage;

/**
 * Entry of the decision path. On PostgreSQL the decision's one transaction claims the idempotency key
 * itself (see {@link IdempotencyKeys}). Elsewhere it claims the key in a transaction of its own (visible
 * at once to a concurrent retry), decides (a second transaction that also stores the answer under the
 * key), and frees the key again when deciding failed, so the client may retry. A rejected envelope is
 * audited in a transaction of its own after the decision's rolled back.
 *
 * <p>A CDI bean rather than an EJB: it runs no transaction of its own (its caller, the envelope resource,
 * has none), and an EJB call costs the decision path an interceptor chain and security checks per request.
 */
@ApplicationScoped
public class EnvelopeGateway {

    @Inject
    IdempotencyKeys idempotencyKeys;

    @Inject
    ActiveAgents activeAgents;

    @EJB
    Envelopes envelopes;

    @Inject
    ExecutionAnswers executions;

    @Inject
    MandateMetrics metrics;

    @Inject
    EventLog events;

    /** Decides and waits for an allowed execution's outcome on the calling thread. */
    public EnvelopeAnswer submit(Caller caller, EnvelopeSubmission submission) {
        return executions.after(caller.tenant(), decide(caller, submission));
    }

    /**
     * Decides on the calling thread (a refusal is thrown from here); the answer completes when an allowed
     * execution ended or its connector's wait ran out, without holding the calling thread meanwhile.
     */
    public CompletionStage<EnvelopeAnswer> submitAsync(Caller caller, EnvelopeSubmission submission) {
        return executions.afterAsync(caller.tenant(), decide(caller, submission));
    }

    private EnvelopeAnswer decide(Caller caller, EnvelopeSubmission submission) {
        long started = System.nanoTime();
        EnvelopeAnswer answer;
        try {
            answer = claimAndDecide(caller, submission);
        } catch (InvalidRequestException | AgentMismatchException | IdempotencyKeyRequiredException rejected) {
            envelopes.auditRejection(caller, submission, rejected);
            metrics.rejected(caller.tenant());
            throw rejected;
        }
        observe(caller, answer, System.nanoTime() - started);
        return answer;
    }

    /** A decision committed (or an answer replayed): counted, timed and logged as one event. */
    private void observe(Caller caller, EnvelopeAnswer answer, long nanos) {
        DecisionOutcome outcome = answer.outcome();
        if (outcome == null) {
            metrics.replayed(caller.tenant());
            return;
        }
        String decision = outcome.decision().name();
        metrics.decided(outcome.tenant(), outcome.tool(), outcome.taskType(), decision, outcome.cost(), nanos);
        if (events.enabled()) {
            events.event("decision", outcome.decision() == Decision.DENY ? "WARN" : "INFO", "envelope " + decision)
                    .with("trace_id", outcome.traceId())
                    .with("tenant", outcome.tenant())
                    .with("agent", outcome.agentId())
                    .with("envelope_id", outcome.envelopeId())
                    .with("task_type", outcome.taskType())
                    .with("tool", outcome.tool())
                    .with("action", outcome.action())
                    .with("outcome", decision)
                    .with("cost", outcome.cost())
                    .with("latency_ms", BigDecimal.valueOf(nanos / 1_000, 3))
                    .write();
        }
    }

    private EnvelopeAnswer claimAndDecide(Caller caller, EnvelopeSubmission submission) {
        String key = submission.idempotencyKey();
        if (key == null || idempotencyKeys.claimsInDecision()) {
            return envelopes.decide(caller, submission, null);
        }
        // the agent first: a suspended agent gets 403, not the stored answer of an earlier request
        activeAgents.require(caller.tenant(), caller.subject());
        IdempotencyKeys.HeldKey held =
                idempotencyKeys.claim(caller.tenant(), caller.subject(), key, submission.requestHash());
        if (held.earlier().isPresent()) {
            return held.earlier().get();
        }
        try {
            return envelopes.decide(caller, submission, held.claim());
        } catch (RuntimeException failed) {
            idempotencyKeys.release(caller.tenant(), caller.subject(), key, held.claim());
            throw failed;
        }
    }
}

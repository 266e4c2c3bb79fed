package dev.mandate.execution.control;

import dev.mandate.catalog.entity.ConnectorDefinition;
import dev.mandate.eventlog.control.EventLog;
import dev.mandate.execution.control.ExecutionStore.Ended;
import dev.mandate.execution.control.ToolResponse.Outcome;
import dev.mandate.execution.entity.ExecutionStatus;
import dev.mandate.execution.entity.QueuedExecution;
import dev.mandate.metrics.control.MandateMetrics;
import dev.mandate.platform.concurrent.ContainerTasks;
import dev.mandate.platform.config.ConfigKey;
import dev.mandate.platform.tracing.SpanAttributes;
import dev.mandate.platform.tracing.Step;
import dev.mandate.platform.tracing.TraceParents;
import dev.mandate.platform.tracing.Tracing;
import io.opentelemetry.api.trace.SpanKind;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Makes one attempt of an execution a worker holds: the kill switch, the tool's circuit breaker and
 * bulkhead first (what they stop is not sent, and says why), then the call, then what its outcome means.
 * A tool that answered nothing is asked by idempotency key before anything is sent again (status probe);
 * without a probe only an action marked safe to retry is sent again, with the same key; anything else is
 * left for people as OUTCOME_UNKNOWN. Every attempt ends in a record, or in a lease that runs out.
 */
@ApplicationScoped
public class ExecutionRunner {

    /** The executor tool calls run on, defined by the execution worker (an EJB: Payara reads definitions there). */
    public static final String EXECUTOR = "java:app/concurrent/mandate-tool-calls";

    private static final Logger LOG = Logger.getLogger(ExecutionRunner.class.getName());

    @Resource(lookup = EXECUTOR)
    ManagedExecutorService executor;

    @Inject
    ContainerTasks tasks;

    @Inject
    ToolCalls calls;

    @Inject
    ToolCircuitBreakers breakers;

    @Inject
    ToolBulkheads bulkheads;

    @Inject
    ExecutionStore store;

    @Inject
    ConnectorLookup connectors;

    @Inject
    KillSwitchCheck killSwitches;

    @Inject
    ReadResultCache cache;

    @Inject
    Tracing tracing;

    @Inject
    TracedContent content;

    @Inject
    MandateMetrics metrics;

    @Inject
    EventLog events;

    private final AtomicInteger underway = new AtomicInteger();

    /**
     * How an attempt ended: the status it left and, when this server recorded it, its end and the moment
     * recorded (else both null: the lease passed on, or the end could not be written).
     */
    public record Attempted(ExecutionStatus status, Ended ended, Instant recordedAt) {
        public boolean recorded() {
            return ended != null;
        }
    }

    /** Starts the attempt on the tool-call executor; completes with the status it left. */
    public CompletableFuture<ExecutionStatus> start(QueuedExecution execution) {
        return start(execution, Attempted::status);
    }

    /**
     * Starts the attempt on the tool-call executor and, on the same task once it ended, {@code then}; the
     * future completes with what {@code then} gave (exceptionally if it threw). One task per attempt: each
     * task handed to the container's executor captures its submitter's context (see {@link ContainerTasks}
     * for what that costs). The future is a plain one, so stages added to it capture nothing.
     *
     * @throws RejectedExecutionException when the executor takes no more work
     */
    public <T> CompletableFuture<T> start(QueuedExecution execution, Function<Attempted, T> then) {
        CompletableFuture<T> done = new CompletableFuture<>();
        underway.incrementAndGet();
        try {
            tasks.execute(executor, () -> {
                Attempted attempted;
                try {
                    attempted = attempt(execution);
                } catch (RuntimeException failed) {
                    // the row stays IN_FLIGHT under this server's lease; when it runs out the execution is retaken
                    LOG.log(Level.WARNING, "attempt of execution " + execution.id() + " failed to record", failed);
                    attempted = new Attempted(ExecutionStatus.IN_FLIGHT, null, null);
                } finally {
                    underway.decrementAndGet();
                }
                try {
                    done.complete(then.apply(attempted));
                } catch (RuntimeException failed) {
                    done.completeExceptionally(failed);
                }
            });
        } catch (RejectedExecutionException busy) {
            underway.decrementAndGet();
            throw busy;
        }
        return done;
    }

    /** Runs other execution work (a callback's delivery) on the same executor. */
    public void background(Runnable work) {
        tasks.execute(executor, work);
    }

    /** Attempts under way on this server, to take no more than the executor can run. */
    public int underway() {
        return underway.get();
    }

    /**
     * One attempt, traced as the GenAI conventions' {@code execute_tool} span in the envelope's trace (a
     * child of the span that decided it), whenever it happens and on whichever server.
     */
    Attempted attempt(QueuedExecution held) {
        if (!tracing.on()) {
            return attemptOnce(held);
        }
        try (Step step = tracing.start(
                "execute_tool " + held.tool(),
                SpanKind.INTERNAL,
                held.traceParent() != null ? held.traceParent() : TraceParents.unrecorded(held.traceId()),
                List.of())) {
            step.set(SpanAttributes.GEN_AI_OPERATION_NAME, "execute_tool")
                    .set(SpanAttributes.GEN_AI_TOOL_NAME, held.tool())
                    .set(SpanAttributes.GEN_AI_TOOL_TYPE, "extension")
                    .set(SpanAttributes.GEN_AI_TOOL_CALL_ID, held.envelopeId())
                    .set(SpanAttributes.TOOL_ACTION, held.action())
                    .set(SpanAttributes.TENANT, held.tenant())
                    .set(SpanAttributes.ENVELOPE_ID, held.envelopeId())
                    .set(SpanAttributes.EXECUTION_ATTEMPT, held.attempts() + 1L)
                    .set(SpanAttributes.EXECUTION_RETRY, (long) held.attempts());
            return attemptOnce(held);
        }
    }

    private Attempted attemptOnce(QueuedExecution held) {
        Instant started = Instant.now();
        QueuedExecution e = held.connector() != null
                ? held
                : held.withConnector(connectors
                        .current(held.tenant(), held.tool(), held.action())
                        .orElse(null));
        if (e.connector() == null) {
            return end(
                    e,
                    cancelled(started, "NO_CONNECTOR: the action has no connector any more", ExecutionStatus.FAILED));
        }
        if (!e.fresh()) {
            Optional<String> killSwitch = killSwitches.stopping(e.tenant(), e.agentId(), e.tool());
            if (killSwitch.isPresent()) {
                // an earlier attempt that may have acted stays unknown: the switch only stops what is not sent
                return end(
                        e,
                        cancelled(
                                started,
                                "KILL_SWITCH: not sent, " + killSwitch.get(),
                                e.unsettled() ? ExecutionStatus.OUTCOME_UNKNOWN : ExecutionStatus.CANCELLED));
            }
            long maxQueued = ConfigKey.EXECUTION_MAX_QUEUED_SECONDS.get(Long.class);
            if (e.attempts() == 0
                    && !e.unsettled()
                    && e.createdAt().plusSeconds(maxQueued).isBefore(started)) {
                return end(
                        e,
                        cancelled(
                                started, "NOT_SENT: waited more than " + maxQueued + " s", ExecutionStatus.CANCELLED));
            }
        }
        Optional<Instant> blocked = breakers.blockedUntil(e.tenant(), e.tool());
        if (blocked.isPresent()) {
            return end(
                    e,
                    requeued(e, started, blocked.get(), "CIRCUIT_OPEN: " + e.tool() + " failed repeatedly; not sent"));
        }
        ToolBulkheads.Permit permit =
                bulkheads.tryEnter(e.tenant(), e.tool(), e.connector().maxConcurrent());
        if (permit == null) {
            return end(
                    e,
                    requeued(
                            e,
                            started,
                            started.plusMillis(500),
                            "BULKHEAD_FULL: " + e.connector().maxConcurrent() + " calls to " + e.tool()
                                    + " under way; not sent yet"));
        }
        try (permit) {
            if (e.unsettled()) {
                return settle(e, started);
            }
            return call(e, started);
        }
    }

    /** An earlier attempt may have acted: ask the tool, or send again only where that is safe. */
    private Attempted settle(QueuedExecution e, Instant started) {
        ConnectorDefinition connector = e.connector();
        if (connector.statusProbe() == null) {
            if (connector.retrySafe() && e.attempts() < connector.maxAttempts()) {
                return call(e, started);
            }
            return end(
                    e,
                    new Ended(
                            ExecutionStatus.OUTCOME_UNKNOWN,
                            "CANCEL",
                            started,
                            null,
                            "OUTCOME_UNKNOWN: sent without an answer; the tool cannot be asked and the action is not"
                                    + " safe to send again",
                            BigDecimal.ZERO,
                            0,
                            true,
                            null));
        }
        ToolResponse probe = calls.probe(connector, toolCall(e));
        breakers.record(e.tenant(), e.tool(), probe.toolFailed());
        switch (probe.outcome()) {
            case SUCCEEDED:
                cacheIfRead(e, probe);
                return end(
                        e,
                        new Ended(
                                ExecutionStatus.SUCCEEDED,
                                "PROBE",
                                started,
                                probe,
                                "the status probe found the earlier attempt applied",
                                BigDecimal.ZERO,
                                0,
                                false,
                                null));
            case NOT_APPLIED:
                if (e.attempts() < connector.maxAttempts() || e.attempts() == 0) {
                    store.note(e, "PROBE", started, probe);
                    return call(e, Instant.now());
                }
                return end(
                        e,
                        new Ended(
                                ExecutionStatus.FAILED,
                                "PROBE",
                                started,
                                probe,
                                "the status probe found nothing applied and no attempts are left",
                                BigDecimal.ZERO,
                                0,
                                false,
                                null));
            default:
                if (e.createdAt()
                        .plusSeconds(ConfigKey.EXECUTION_MAX_QUEUED_SECONDS.get(Long.class))
                        .isBefore(started)) {
                    return end(
                            e,
                            new Ended(
                                    ExecutionStatus.OUTCOME_UNKNOWN,
                                    "PROBE",
                                    started,
                                    probe,
                                    "OUTCOME_UNKNOWN: the tool could not be asked what became of the attempt",
                                    BigDecimal.ZERO,
                                    0,
                                    true,
                                    null));
                }
                return end(
                        e,
                        new Ended(
                                ExecutionStatus.QUEUED,
                                "PROBE",
                                started,
                                probe,
                                "the status probe did not answer; asking again",
                                BigDecimal.ZERO,
                                0,
                                true,
                                started.plus(RetryBackoff.after(e.attempts(), probe.retryAfterMillis()))));
        }
    }

    private Attempted call(QueuedExecution e, Instant started) {
        ConnectorDefinition connector = e.connector();
        ToolResponse r = calls.call(connector, toolCall(e));
        breakers.record(e.tenant(), e.tool(), r.toolFailed());
        boolean sent = r.outcome() != Outcome.NOT_SENT && !(r.outcome() == Outcome.FAILED && r.httpStatus() == null);
        BigDecimal cost = sent && connector.pricePerCall() != null ? connector.pricePerCall() : BigDecimal.ZERO;
        int made = e.attempts() + 1;
        boolean attemptsLeft = made < connector.maxAttempts();
        Instant retryAt = started.plus(RetryBackoff.after(made, r.retryAfterMillis()));
        switch (r.outcome()) {
            case SUCCEEDED:
                cacheIfRead(e, r);
                return end(e, new Ended(ExecutionStatus.SUCCEEDED, "CALL", started, r, null, cost, 1, false, null));
            case RETRYABLE:
                if (connector.retrySafe() && attemptsLeft) {
                    return end(
                            e,
                            new Ended(
                                    ExecutionStatus.QUEUED,
                                    "CALL",
                                    started,
                                    r,
                                    "retrying: " + r.detail(),
                                    cost,
                                    1,
                                    false,
                                    retryAt));
                }
                return end(e, new Ended(ExecutionStatus.FAILED, "CALL", started, r, r.detail(), cost, 1, false, null));
            case NOT_SENT:
                // nothing left Mandate: sending again cannot repeat an effect, whatever the action
                if (made < Math.max(connector.maxAttempts(), 3)) {
                    return end(
                            e,
                            new Ended(
                                    ExecutionStatus.QUEUED,
                                    "CALL",
                                    started,
                                    r,
                                    "not sent: " + r.detail(),
                                    cost,
                                    1,
                                    false,
                                    retryAt));
                }
                return end(
                        e,
                        new Ended(
                                ExecutionStatus.CANCELLED,
                                "CALL",
                                started,
                                r,
                                "NOT_SENT: " + r.detail(),
                                cost,
                                1,
                                false,
                                null));
            case UNKNOWN:
                if (connector.statusProbe() != null) {
                    return end(
                            e,
                            new Ended(
                                    ExecutionStatus.QUEUED,
                                    "CALL",
                                    started,
                                    r,
                                    "no answer; the tool will be asked by key: " + r.detail(),
                                    cost,
                                    1,
                                    true,
                                    started.plus(RetryBackoff.after(1, 0))));
                }
                if (connector.retrySafe() && attemptsLeft) {
                    return end(
                            e,
                            new Ended(
                                    ExecutionStatus.QUEUED,
                                    "CALL",
                                    started,
                                    r,
                                    "no answer; sending again with the same key: " + r.detail(),
                                    cost,
                                    1,
                                    false,
                                    retryAt));
                }
                return end(
                        e,
                        new Ended(
                                ExecutionStatus.OUTCOME_UNKNOWN,
                                "CALL",
                                started,
                                r,
                                "OUTCOME_UNKNOWN: " + r.detail(),
                                cost,
                                1,
                                true,
                                null));
            default:
                return end(e, new Ended(ExecutionStatus.FAILED, "CALL", started, r, r.detail(), cost, 1, false, null));
        }
    }

    private void cacheIfRead(QueuedExecution e, ToolResponse r) {
        cache.put(
                e.tenant(),
                e.tool(),
                e.action(),
                e.arguments(),
                r.resultJson(),
                e.connector().cacheTtlSeconds());
    }

    private Attempted end(QueuedExecution e, Ended ended) {
        Step step = tracing.current();
        if (step.recording()) {
            describe(step, e, ended);
        }
        try {
            Instant recordedAt = store.end(e, ended);
            observe(e, ended);
            return new Attempted(ended.status(), ended, recordedAt);
        } catch (ExecutionStore.LeaseLost lost) {
            LOG.warning(
                    "execution " + e.id() + ": the lease passed to another server; its attempt is not recorded here");
            return new Attempted(ended.status(), null, null);
        }
    }

    /** The attempt's outcome on its span; arguments and result only where the tenant opted in, redacted. */
    private void describe(Step step, QueuedExecution e, Ended ended) {
        step.set(SpanAttributes.EXECUTION_KIND, ended.kind())
                .set(SpanAttributes.EXECUTION_STATUS, ended.status().name());
        ToolResponse r = ended.response();
        if (r != null) {
            step.set(SpanAttributes.EXECUTION_OUTCOME, r.outcome().name());
            if (r.httpStatus() != null) {
                step.set(
                        SpanAttributes.HTTP_RESPONSE_STATUS_CODE, r.httpStatus().longValue());
            }
        }
        if (ended.status() == ExecutionStatus.FAILED || ended.status() == ExecutionStatus.OUTCOME_UNKNOWN) {
            step.failed(r != null ? r.outcome().name() : ended.status().name());
        }
        if (content.wanted(e.tenant())) {
            step.set(
                    SpanAttributes.GEN_AI_TOOL_CALL_ARGUMENTS,
                    content.redacted(e.arguments().toString()));
            if (r != null && r.resultJson() != null) {
                step.set(SpanAttributes.GEN_AI_TOOL_CALL_RESULT, content.redacted(r.resultJson()));
            }
        }
    }

    /** An attempt's end, recorded: counted, and logged as one event (what the tool answered is not). */
    private void observe(QueuedExecution e, Ended ended) {
        ToolResponse r = ended.response();
        String result = r == null ? null : r.outcome().name();
        String finalStatus = ended.status().isFinal() ? ended.status().name() : null;
        boolean retry = r != null && ended.kind().equals("CALL") && e.attempts() > 0;
        metrics.attempt(
                e.tenant(),
                e.tool(),
                result,
                retry,
                r != null && r.toolFailed(),
                r == null ? 0 : r.millis(),
                ended.cost(),
                finalStatus);
        if (events.enabled()) {
            boolean failed =
                    ended.status() == ExecutionStatus.FAILED || ended.status() == ExecutionStatus.OUTCOME_UNKNOWN;
            EventLog.Event event = events.event(
                            "execution.attempt",
                            failed ? "WARN" : "INFO",
                            "execution " + ended.kind().toLowerCase(Locale.ROOT) + " " + ended.status())
                    .with("trace_id", e.traceId())
                    .with("tenant", e.tenant())
                    .with("agent", e.agentId())
                    .with("envelope_id", e.envelopeId())
                    .with("execution_id", e.id())
                    .with("tool", e.tool())
                    .with("action", e.action())
                    .with("kind", ended.kind())
                    .with("attempt", e.attempts() + ended.callsMade())
                    .with("result", result)
                    .with("outcome", ended.status().name())
                    .with("cost", ended.cost())
                    .with("latency_ms", r == null ? 0 : r.millis());
            if (r != null && r.httpStatus() != null) {
                event.with("http_status", r.httpStatus());
            }
            event.write();
        }
    }

    private static Ended cancelled(Instant started, String reason, ExecutionStatus status) {
        return new Ended(
                status,
                "CANCEL",
                started,
                null,
                reason,
                BigDecimal.ZERO,
                0,
                status == ExecutionStatus.OUTCOME_UNKNOWN,
                null);
    }

    private static Ended requeued(QueuedExecution e, Instant started, Instant at, String reason) {
        return new Ended(ExecutionStatus.QUEUED, "WAIT", started, null, reason, BigDecimal.ZERO, 0, e.unsettled(), at);
    }

    private ToolCall toolCall(QueuedExecution e) {
        return new ToolCall(
                e.tenant(),
                e.agentId(),
                e.onBehalfOf(),
                e.envelopeId(),
                e.idempotencyKey(),
                e.arguments(),
                traceparent(e));
    }

    /** What the tool receives: this attempt's span, or (tracing off) the envelope's trace id. */
    private String traceparent(QueuedExecution e) {
        String current = tracing.traceparent();
        return current != null ? current : TraceParents.unrecorded(e.traceId());
    }
}

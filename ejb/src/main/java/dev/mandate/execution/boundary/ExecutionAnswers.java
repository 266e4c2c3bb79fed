package dev.mandate.execution.boundary;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.decision.entity.EnvelopeAnswer;
import dev.mandate.execution.control.ExecutionJson;
import dev.mandate.execution.control.ExecutionOutbox;
import dev.mandate.execution.control.ExecutionRunner;
import dev.mandate.execution.control.ExecutionStore;
import dev.mandate.execution.entity.ExecutionView;
import dev.mandate.execution.entity.QueuedExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An envelope's answer with its execution: after an allowed decision commits, the first attempt starts at
 * once and the answer waits for it as long as the connector's {@code syncWaitMillis}; an outcome in time
 * comes in the answer (200), else the answer is 202 and the envelope's page shows how it goes on. A
 * replayed answer shows the execution as it stands now.
 *
 * <p>The envelope's answer waits without a thread ({@link #afterAsync}): the attempt's end completes it on
 * the attempt's own task, with the execution as that end recorded it (not read back); the wait running out,
 * with the execution still in flight. An HTTP worker held for
 * the attempt capped executed calls at the worker count divided by the attempt's time (BENCHMARKS.md).
 */
@ApplicationScoped
public class ExecutionAnswers {

    @Inject
    ExecutionRunner runner;

    @Inject
    ExecutionStore store;

    /**
     * The answer once the allowed execution ended or its connector's wait ran out; completes at once for
     * anything else. Never completes exceptionally for the execution's sake: an attempt that could not
     * record its end, or an executor that refused the work, answers 202 (the lease runs out and a worker
     * takes the execution over).
     */
    public CompletionStage<EnvelopeAnswer> afterAsync(String tenant, EnvelopeAnswer decided) {
        QueuedExecution queued = decided.queued();
        if (queued == null) {
            return CompletableFuture.completedFuture(afterDecision(tenant, decided));
        }
        try {
            return runner.start(
                            queued,
                            attempted -> withExecution(
                                    decided,
                                    attempted.recorded()
                                            ? Optional.of(ExecutionOutbox.afterFirstAttempt(
                                                    queued, attempted.ended(), attempted.recordedAt()))
                                            : store.view(tenant, queued.envelopeId())))
                    .orTimeout(queued.connector().syncWaitMillis(), TimeUnit.MILLISECONDS)
                    .exceptionally(failed -> failed instanceof TimeoutException
                            ? withExecution(decided, Optional.of(ExecutionOutbox.asQueued(queued)))
                            : pending(decided));
        } catch (RejectedExecutionException busy) {
            return CompletableFuture.completedFuture(pending(decided));
        }
    }

    private static EnvelopeAnswer pending(EnvelopeAnswer decided) {
        return new EnvelopeAnswer(202, decided.body(), decided.replayed());
    }

    public EnvelopeAnswer after(String tenant, EnvelopeAnswer decided) {
        QueuedExecution queued = decided.queued();
        if (queued != null) {
            awaitUpTo(queued);
            return withExecution(decided, store.view(tenant, queued.envelopeId()));
        }
        return afterDecision(tenant, decided);
    }

    private EnvelopeAnswer afterDecision(String tenant, EnvelopeAnswer decided) {
        if (decided.replayed() && decided.body().contains("\"decision\":\"ALLOW\"")) {
            JsonObject answer =
                    JSON.createReader(new StringReader(decided.body())).readObject();
            if (!answer.containsKey("execution")) {
                return withExecution(decided, store.view(tenant, answer.getString("envelopeId")));
            }
        }
        return decided;
    }

    /**
     * Starts an execution people cleared (queued in their transaction, now committed) and waits for it as
     * long as its connector's {@code syncWaitMillis}; its state then.
     */
    public Optional<ExecutionView> run(QueuedExecution queued) {
        awaitUpTo(queued);
        return store.view(queued.tenant(), queued.envelopeId());
    }

    public Optional<ExecutionView> of(String tenant, String envelopeId) {
        return store.view(tenant, envelopeId);
    }

    private void awaitUpTo(QueuedExecution queued) {
        try {
            runner.start(queued).get(queued.connector().syncWaitMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillRunning) {
            // answered 202; the attempt goes on
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException failed) {
            // the attempt could not record its end: its lease runs out and a worker takes it over
        }
    }

    private static EnvelopeAnswer withExecution(EnvelopeAnswer answer, Optional<ExecutionView> execution) {
        if (execution.isEmpty()) {
            return answer;
        }
        ExecutionView view = execution.get();
        return new EnvelopeAnswer(
                view.status().isFinal() ? answer.status() : 202,
                ExecutionJson.appendTo(answer.body(), ExecutionJson.summary(view)),
                answer.replayed());
    }
}

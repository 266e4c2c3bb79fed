package dev.mandate.decision.entity;

import dev.mandate.execution.entity.QueuedExecution;

/**
 * The HTTP answer to an envelope, stored with its idempotency key so a retry gets exactly the same.
 * {@code queued}, never stored, is the execution the decision allowed, for this server to start at once;
 * {@code outcome}, never stored either, is what this request decided (null when it replayed an answer).
 */
public record EnvelopeAnswer(
        int status, String body, boolean replayed, QueuedExecution queued, DecisionOutcome outcome) {

    public EnvelopeAnswer(int status, String body, boolean replayed) {
        this(status, body, replayed, null, null);
    }

    public EnvelopeAnswer replay() {
        return new EnvelopeAnswer(status, body, true, null, null);
    }
}

package dev.mandate.decision.entity;

/** The HTTP answer to an envelope, stored with its idempotency key so a retry gets exactly the same. */
public record EnvelopeAnswer(int status, String body, boolean replayed) {

    public EnvelopeAnswer replay() {
        return new EnvelopeAnswer(status, body, true);
    }
}

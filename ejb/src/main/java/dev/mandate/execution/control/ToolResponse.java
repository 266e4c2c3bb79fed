package dev.mandate.execution.control;

/**
 * How one attempt (or status probe) ended, as far as Mandate can tell.
 *
 * @param resultJson the result (JSON text), secrets redacted; null when there is none or it was not kept
 * @param detail what happened, for people (the tool's error, secrets redacted), or null
 * @param retryAfterMillis the tool's {@code Retry-After}, or 0
 */
public record ToolResponse(
        Outcome outcome,
        Integer httpStatus,
        String resultJson,
        boolean resultTruncated,
        String detail,
        long millis,
        long retryAfterMillis) {

    public enum Outcome {
        /** 2xx; for a probe: the attempt was applied */
        SUCCEEDED,
        /** the tool answered with an error that may pass (408, 429, 5xx); nothing to assume about effects */
        RETRYABLE,
        /** the tool refused (4xx, a redirect), or the request could not even be built */
        FAILED,
        /** the request never left (connection refused, connect timeout): no effect */
        NOT_SENT,
        /** sent, no answer (timeout, reset): the effect may or may not have happened */
        UNKNOWN,
        /** a probe: the tool knows no attempt under this key */
        NOT_APPLIED
    }

    static ToolResponse of(Outcome outcome, Integer status, String detail, long millis) {
        return new ToolResponse(outcome, status, null, false, detail, millis, 0);
    }

    /** Worth the tool's circuit breaker counting as a failure of the tool (not a refusal of the request). */
    public boolean toolFailed() {
        return outcome == Outcome.RETRYABLE || outcome == Outcome.NOT_SENT || outcome == Outcome.UNKNOWN;
    }
}

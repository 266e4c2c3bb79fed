package dev.mandate.execution.entity;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * An execution as the agent and the owner see it: its state, every attempt, the result (read from the
 * tool, secrets redacted), cost and time.
 */
public record ExecutionView(
        String id,
        String envelopeId,
        String tool,
        String action,
        String idempotencyKey,
        String onBehalfOf,
        ExecutionStatus status,
        int attempts,
        String reason,
        Integer httpStatus,
        String resultJson,
        boolean resultTruncated,
        BigDecimal cost,
        long toolMillis,
        boolean cacheHit,
        OffsetDateTime createdAt,
        OffsetDateTime finishedAt,
        List<Attempt> attemptLog) {

    /** One attempt, status probe or cache answer, as it ended. */
    public record Attempt(
            int number,
            String kind,
            OffsetDateTime startedAt,
            long millis,
            String outcome,
            Integer httpStatus,
            String detail,
            BigDecimal cost) {}
}

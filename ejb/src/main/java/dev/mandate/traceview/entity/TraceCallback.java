package dev.mandate.traceview.entity;

import java.time.OffsetDateTime;

/** An execution's callback to the agent: where to (scheme and host only), how it went. */
public record TraceCallback(
        String executionId,
        String envelopeId,
        String target,
        String status,
        int attempts,
        String lastError,
        OffsetDateTime deliveredAt) {}

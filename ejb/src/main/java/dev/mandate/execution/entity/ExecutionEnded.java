package dev.mandate.execution.entity;

/**
 * An execution reached a final status (observed in the transaction that recorded it): what people must
 * look at, such as an outcome nobody knows, follows from it.
 *
 * @param attempts calls made in all
 */
public record ExecutionEnded(
        String tenant,
        String envelopeId,
        String agentId,
        String tool,
        String action,
        ExecutionStatus status,
        int attempts,
        String reason) {}

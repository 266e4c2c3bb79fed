package dev.mandate.execution.entity;

import dev.mandate.catalog.entity.ConnectorDefinition;
import jakarta.json.JsonObject;
import java.time.Instant;

/**
 * An execution a worker holds under its lease, about to make an attempt. The decision's transaction
 * writes it already leased to the server that decided ({@code fresh}), which makes the first attempt at
 * once after the commit; any server's worker takes it later for a retry or when that server stopped.
 *
 * @param connector the connector as the decision saw it, or null (a worker reads the current one)
 * @param traceParent the span that decided the envelope (W3C traceparent), null when it was not traced
 * @param attempts calls made so far
 * @param unsettled an earlier attempt may have acted without an answer: ask the tool before sending again
 */
public record QueuedExecution(
        String id,
        String tenant,
        String envelopeId,
        String agentId,
        String taskId,
        String traceId,
        String traceParent,
        String tool,
        String action,
        String onBehalfOf,
        String idempotencyKey,
        JsonObject arguments,
        ConnectorDefinition connector,
        int attempts,
        boolean unsettled,
        Instant createdAt,
        String leaseOwner,
        boolean fresh) {

    public QueuedExecution withConnector(ConnectorDefinition current) {
        return new QueuedExecution(
                id,
                tenant,
                envelopeId,
                agentId,
                taskId,
                traceId,
                traceParent,
                tool,
                action,
                onBehalfOf,
                idempotencyKey,
                arguments,
                current,
                attempts,
                unsettled,
                createdAt,
                leaseOwner,
                fresh);
    }
}

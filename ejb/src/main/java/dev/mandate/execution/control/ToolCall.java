package dev.mandate.execution.control;

import jakarta.json.JsonObject;

/**
 * One call of a tool action on an agent's behalf: what the request is built from.
 *
 * @param traceparent the W3C traceparent the tool receives (the envelope's trace), or null
 */
public record ToolCall(
        String tenant,
        String agentId,
        String onBehalfOf,
        String envelopeId,
        String idempotencyKey,
        JsonObject arguments,
        String traceparent) {}

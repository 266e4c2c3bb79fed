package dev.mandate.execution.control;

import jakarta.json.JsonObject;

/** One call of a tool action on an agent's behalf: what the request is built from. */
public record ToolCall(
        String tenant,
        String agentId,
        String onBehalfOf,
        String envelopeId,
        String idempotencyKey,
        JsonObject arguments) {}

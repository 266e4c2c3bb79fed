package dev.mandate.decision.entity;

import jakarta.json.JsonObject;
import java.math.BigDecimal;

/**
 * A well-formed envelope as the API received it. {@code envelope} is the whole body (refusal conditions
 * look into it; it is stored for explain); {@code requestHash} identifies the body for idempotency.
 */
public record EnvelopeSubmission(
        String agentId,
        String taskId,
        String taskType,
        String tool,
        String action,
        JsonObject arguments,
        JsonObject envelope,
        int modelCalls,
        BigDecimal cost,
        String traceId,
        String idempotencyKey,
        String requestHash) {}

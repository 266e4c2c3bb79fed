package dev.mandate.decision.entity;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** An envelope's stored fields; list-valued ones as JSON arrays. */
public record EnvelopeRecord(
        String id,
        String tenant,
        String agentId,
        String taskId,
        String taskType,
        String tool,
        String action,
        String traceId,
        Decision decision,
        String reasonsJson,
        String ruleIdsJson,
        String policyVersion,
        String tier,
        String riskClass,
        BigDecimal cost,
        String requestJson,
        String explainJson,
        OffsetDateTime createdAt) {}

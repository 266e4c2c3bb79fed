package dev.mandate.decision.entity;

import java.math.BigDecimal;

/** What was decided for an envelope, for metrics and the event log once its transaction committed. */
public record DecisionOutcome(
        String tenant,
        String envelopeId,
        String agentId,
        String traceId,
        String taskType,
        String tool,
        String action,
        Decision decision,
        BigDecimal cost) {}

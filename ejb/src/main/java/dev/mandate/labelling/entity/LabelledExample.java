package dev.mandate.labelling.entity;

import java.time.OffsetDateTime;

/**
 * One human judgement, kept as an eval case: the envelope as the agent sent it, what the machine decided,
 * what the person did and why (and the arguments they changed). The nightly evals read these.
 *
 * @param source APPROVAL or ESCALATION
 * @param humanAction APPROVED, REJECTED, EXPIRED, EXECUTED, EXECUTED_EDITED, REJECTED or RETURNED_TO_AGENT
 */
public record LabelledExample(
        String id,
        String tenant,
        String source,
        String sourceId,
        String envelopeId,
        String agentId,
        String taskType,
        String tool,
        String action,
        String riskClass,
        String machineDecision,
        String humanAction,
        String reason,
        String inputJson,
        String editedArguments,
        String labelledBy,
        OffsetDateTime createdAt) {}

package dev.mandate.escalation.entity;

import java.time.OffsetDateTime;

/** An escalation item as the queue shows it. */
public record EscalationView(
        String id,
        String tenant,
        String envelopeId,
        EscalationSource source,
        String agentId,
        String taskType,
        String tool,
        String action,
        String riskClass,
        String why,
        Resolution suggestedAction,
        String suggestionReason,
        String slaClass,
        OffsetDateTime dueAt,
        boolean breached,
        EscalationStatus status,
        String assignee,
        OffsetDateTime claimedAt,
        Resolution resolution,
        String resolutionReason,
        String editedArguments,
        String resultEnvelopeId,
        String resolvedBy,
        OffsetDateTime resolvedAt,
        OffsetDateTime createdAt) {}

package dev.mandate.escalation.entity;

/**
 * What opens an item: the envelope and why it needs a person, with the action the queue suggests.
 *
 * @param slaClass the SLA class the item is held to (null: the standard one)
 */
public record EscalationOpening(
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
        String slaClass) {}

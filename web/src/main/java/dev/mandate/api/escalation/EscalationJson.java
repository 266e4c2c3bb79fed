package dev.mandate.api.escalation;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.escalation.entity.EscalationStatus;
import dev.mandate.escalation.entity.EscalationView;
import dev.mandate.platform.json.JsonStrings;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;

/** An escalation item as the API shows it. */
public final class EscalationJson {

    private EscalationJson() {}

    public static JsonObject of(EscalationView e) {
        return builder(e).build();
    }

    public static JsonObjectBuilder builder(EscalationView e) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("id", e.id())
                .add("envelopeId", e.envelopeId())
                .add("source", e.source().name())
                .add("agentId", e.agentId())
                .add("taskType", e.taskType())
                .add("tool", e.tool())
                .add("action", e.action())
                .add("riskClass", e.riskClass())
                .add("why", e.why())
                .add(
                        "suggestedAction",
                        JSON.createObjectBuilder()
                                .add("resolution", e.suggestedAction().name())
                                .add("reason", e.suggestionReason()))
                .add("slaClass", e.slaClass())
                .add("dueAt", e.dueAt().toInstant().toString())
                .add(
                        "breached",
                        e.status() != EscalationStatus.RESOLVED
                                        && e.dueAt().toInstant().isBefore(Instant.now())
                                || e.breached())
                .add("status", e.status().name())
                .add("createdAt", e.createdAt().toInstant().toString());
        if (e.assignee() != null) {
            json.add("assignee", e.assignee())
                    .add("claimedAt", e.claimedAt().toInstant().toString());
        }
        if (e.resolution() != null) {
            JsonObjectBuilder resolution = JSON.createObjectBuilder()
                    .add("resolution", e.resolution().name())
                    .add("by", e.resolvedBy())
                    .add("at", e.resolvedAt().toInstant().toString());
            if (e.resolutionReason() != null) {
                resolution.add("reason", e.resolutionReason());
            }
            if (e.editedArguments() != null) {
                resolution.add("editedArguments", JsonStrings.object(e.editedArguments()));
            }
            if (e.resultEnvelopeId() != null) {
                resolution.add("newEnvelopeId", e.resultEnvelopeId());
            }
            json.add("resolution", resolution);
        }
        return json;
    }
}

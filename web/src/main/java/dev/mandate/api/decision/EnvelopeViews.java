package dev.mandate.api.decision;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.api.approval.ApprovalJson;
import dev.mandate.api.escalation.EscalationJson;
import dev.mandate.approval.boundary.Approvals;
import dev.mandate.decision.entity.Decision;
import dev.mandate.decision.entity.EnvelopeRecord;
import dev.mandate.escalation.boundary.Escalations;
import dev.mandate.escalation.entity.EscalationView;
import dev.mandate.execution.boundary.ExecutionAnswers;
import dev.mandate.execution.control.ExecutionJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.util.List;

/**
 * An envelope as the API shows it: with the envelope as received, or with its explanation (every check, the
 * human path and every execution attempt). The trace view shows each of its envelopes the explain way.
 */
@ApplicationScoped
public class EnvelopeViews {

    @Inject
    ExecutionAnswers executions;

    @Inject
    Approvals approvals;

    @Inject
    Escalations escalations;

    public JsonObject withEnvelope(EnvelopeRecord envelope) {
        JsonObjectBuilder json = summary(envelope).add("envelope", read(envelope.requestJson()));
        humanPath(envelope, json);
        executions.of(envelope.tenant(), envelope.id()).ifPresent(e -> json.add("execution", ExecutionJson.summary(e)));
        return json.build();
    }

    public JsonObject explained(EnvelopeRecord envelope) {
        JsonObjectBuilder json = summary(envelope).add("explanation", read(envelope.explainJson()));
        humanPath(envelope, json);
        executions
                .of(envelope.tenant(), envelope.id())
                .ifPresent(e -> json.add("execution", ExecutionJson.withAttempts(e)));
        return json.build();
    }

    /** What people did about the envelope: its approval request (votes, decision) and escalation items. */
    private void humanPath(EnvelopeRecord envelope, JsonObjectBuilder json) {
        if (envelope.decision() == Decision.REQUIRE_APPROVAL) {
            approvals
                    .ofEnvelope(envelope.tenant(), envelope.id())
                    .ifPresent(a -> json.add("approval", ApprovalJson.of(a)));
        }
        List<EscalationView> items = escalations.ofEnvelope(envelope.tenant(), envelope.id());
        if (!items.isEmpty()) {
            JsonArrayBuilder array = JSON.createArrayBuilder();
            items.forEach(item -> array.add(EscalationJson.of(item)));
            json.add("escalations", array);
        }
    }

    private static JsonObjectBuilder summary(EnvelopeRecord e) {
        return JSON.createObjectBuilder()
                .add("envelopeId", e.id())
                .add("agentId", e.agentId())
                .add("taskId", e.taskId())
                .add("taskType", e.taskType())
                .add("tool", e.tool())
                .add("action", e.action())
                .add("riskClass", e.riskClass())
                .add("tier", e.tier())
                .add("decision", e.decision().name())
                .add(
                        "reasons",
                        JSON.createReader(new StringReader(e.reasonsJson())).readArray())
                .add(
                        "ruleIds",
                        JSON.createReader(new StringReader(e.ruleIdsJson())).readArray())
                .add("traceId", e.traceId())
                .add("policyVersion", e.policyVersion())
                .add("cost", e.cost())
                .add("decidedAt", e.createdAt().toString());
    }

    private static JsonObject read(String json) {
        return JSON.createReader(new StringReader(json)).readObject();
    }
}

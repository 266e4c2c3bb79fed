package dev.mandate.decision.control;

import static dev.mandate.platform.json.SharedJson.JSON;

import jakarta.json.JsonObject;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The JSON of an envelope's answer and of its explain record, written as a stream: building JSON-P
 * objects first and printing them cost twice as much, on every decision (JFR, BENCHMARKS.md).
 */
final class EnvelopeJson {

    private static final JsonGeneratorFactory GENERATORS = JSON.createGeneratorFactory(Map.of());

    private final String envelopeId;
    private final String traceId;
    private final String policyVersion;

    EnvelopeJson(String envelopeId, String traceId, String policyVersion) {
        this.envelopeId = envelopeId;
        this.traceId = traceId;
        this.policyVersion = policyVersion;
    }

    /** An answer (a compact JSON object) with one more member at its end. */
    static String withMember(String answerJson, String member, JsonObject value) {
        int end = answerJson.lastIndexOf('}');
        return answerJson.substring(0, end) + ",\"" + member + "\":" + value + "}";
    }

    String answer(Verdict verdict, Collection<String> approverRoles, Map<String, BigDecimal> remaining) {
        return write(json -> {
            json.writeStartObject()
                    .write("envelopeId", envelopeId)
                    .write("decision", verdict.decision().name());
            strings(json, "reasons", verdict.reasons());
            strings(json, "ruleIds", verdict.ruleIds());
            strings(json, "approverRoles", approverRoles);
            json.write("traceId", traceId).write("policyVersion", policyVersion);
            amounts(json, remaining);
            json.writeEnd();
        });
    }

    String explain(
            Verdict verdict,
            DecisionFacts facts,
            Collection<String> approverRoles,
            Map<String, BigDecimal> remaining,
            String onBehalfOf,
            boolean onBehalfOfProven) {
        return write(json -> {
            json.writeStartObject().write("decision", verdict.decision().name());
            if (onBehalfOf != null) {
                // who the agent acted for, and whether that person's own token proved it or the agent said so
                json.writeStartObject("onBehalfOf")
                        .write("subject", onBehalfOf)
                        .write("proven", onBehalfOfProven)
                        .writeEnd();
            }
            strings(json, "reasons", verdict.reasons());
            strings(json, "ruleIds", verdict.ruleIds());
            strings(json, "approverRoles", approverRoles);
            json.write("policyVersion", policyVersion).writeStartObject("facts");
            strings(json, "permittedBy", facts.permit().roles());
            json.write("riskClass", facts.risk().name())
                    .write("blastRadius", facts.risk().isBlastRadius())
                    .write("tier", facts.tier().name())
                    .write("toolAllowedForTaskType", facts.toolAllowedForTask())
                    .write("shadowMode", facts.shadow())
                    .write("sponsored", facts.sponsored());
            if (facts.activeKillSwitch() != null) {
                json.write("killSwitch", facts.activeKillSwitch());
            }
            if (facts.refusalReason() != null) {
                json.write("refusalCondition", facts.refusalReason());
            }
            json.writeEnd().writeStartArray("steps");
            verdict.steps().forEach(step -> {
                json.writeStartObject().write("check", step.check()).write("outcome", step.outcome());
                if (step.detail() != null) {
                    json.write("detail", step.detail());
                }
                json.writeEnd();
            });
            json.writeEnd();
            amounts(json, remaining);
            json.writeEnd();
        });
    }

    static String array(Collection<String> values) {
        return write(json -> {
            json.writeStartArray();
            values.forEach(json::write);
            json.writeEnd();
        });
    }

    private static String write(Consumer<JsonGenerator> content) {
        StringWriter text = new StringWriter(256);
        try (JsonGenerator json = GENERATORS.createGenerator(text)) {
            content.accept(json);
        }
        return text.toString();
    }

    private static void strings(JsonGenerator json, String name, Collection<String> values) {
        json.writeStartArray(name);
        values.forEach(json::write);
        json.writeEnd();
    }

    private static void amounts(JsonGenerator json, Map<String, BigDecimal> remaining) {
        json.writeStartObject("budgetRemaining");
        remaining.forEach((label, amount) -> json.write(label, amount.stripTrailingZeros()));
        json.writeEnd();
    }
}

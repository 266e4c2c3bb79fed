package dev.mandate.decision.boundary;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.decision.control.DecisionFacts;
import dev.mandate.decision.control.Verdict;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

/** The JSON of an envelope's answer and of its explain record. */
final class EnvelopeJson {

    private final String envelopeId;
    private final String traceId;
    private final String policyVersion;

    EnvelopeJson(String envelopeId, String traceId, String policyVersion) {
        this.envelopeId = envelopeId;
        this.traceId = traceId;
        this.policyVersion = policyVersion;
    }

    String answer(Verdict verdict, Collection<String> approverRoles, Map<String, BigDecimal> remaining) {
        return JSON.createObjectBuilder()
                .add("envelopeId", envelopeId)
                .add("decision", verdict.decision().name())
                .add("reasons", strings(verdict.reasons()))
                .add("ruleIds", strings(verdict.ruleIds()))
                .add("approverRoles", strings(approverRoles))
                .add("traceId", traceId)
                .add("policyVersion", policyVersion)
                .add("budgetRemaining", amounts(remaining))
                .build()
                .toString();
    }

    String explain(
            Verdict verdict, DecisionFacts facts, Collection<String> approverRoles, Map<String, BigDecimal> remaining) {
        JsonArrayBuilder steps = JSON.createArrayBuilder();
        verdict.steps().forEach(step -> {
            JsonObjectBuilder s =
                    JSON.createObjectBuilder().add("check", step.check()).add("outcome", step.outcome());
            if (step.detail() != null) {
                s.add("detail", step.detail());
            }
            steps.add(s);
        });
        JsonObjectBuilder factsJson = JSON.createObjectBuilder()
                .add("riskClass", facts.risk().name())
                .add("blastRadius", facts.risk().isBlastRadius())
                .add("tier", facts.tier().name())
                .add("toolAllowedForTaskType", facts.toolAllowedForTask())
                .add("shadowMode", facts.shadow());
        if (facts.activeKillSwitch() != null) {
            factsJson.add("killSwitch", facts.activeKillSwitch());
        }
        if (facts.refusalReason() != null) {
            factsJson.add("refusalCondition", facts.refusalReason());
        }
        return JSON.createObjectBuilder()
                .add("decision", verdict.decision().name())
                .add("reasons", strings(verdict.reasons()))
                .add("ruleIds", strings(verdict.ruleIds()))
                .add("approverRoles", strings(approverRoles))
                .add("policyVersion", policyVersion)
                .add("facts", factsJson)
                .add("steps", steps)
                .add("budgetRemaining", amounts(remaining))
                .build()
                .toString();
    }

    static String array(Collection<String> values) {
        return strings(values).build().toString();
    }

    private static JsonArrayBuilder strings(Collection<String> values) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        values.forEach(array::add);
        return array;
    }

    private static JsonObjectBuilder amounts(Map<String, BigDecimal> remaining) {
        JsonObjectBuilder object = JSON.createObjectBuilder();
        remaining.forEach((label, amount) -> object.add(label, amount.stripTrailingZeros()));
        return object;
    }
}

package dev.mandate.decision.control;

import static dev.mandate.platform.json.SharedJson.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.agent.entity.AuthorityTier;
import dev.mandate.catalog.entity.RiskClass;
import dev.mandate.decision.entity.Decision;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The streamed answer and explain JSON are, character for character, what JSON-P's object model prints. */
class EnvelopeJsonTest {

    private static final Verdict VERDICT = new Verdict(
            Decision.REQUIRE_APPROVAL,
            List.of("RULE_REQUIRE_APPROVAL", "amount \"over\" cap: 12\u00a0000 € \\ ok\n"),
            List.of("cap-1", "ünïcode"),
            "finance",
            List.of(
                    new Verdict.Step("kill-switch", "off", null),
                    new Verdict.Step("policy", "REQUIRE_APPROVAL", "rule cap-1: amount > 10000")));

    private static final Map<String, BigDecimal> REMAINING = new LinkedHashMap<>();

    static {
        REMAINING.put("tenant/day/cost", new BigDecimal("1000.00"));
        REMAINING.put("agent/week/cost", new BigDecimal("0.0500"));
        REMAINING.put("task/modelCalls", BigDecimal.ZERO);
    }

    private final EnvelopeJson json = new EnvelopeJson("env-1", "0af7651916cd43dd8448eb211c80319c", "7");

    @Test
    void answerPrintsWhatTheObjectModelPrints() {
        JsonObjectBuilder expected = JSON.createObjectBuilder()
                .add("envelopeId", "env-1")
                .add("decision", "REQUIRE_APPROVAL")
                .add("reasons", strings(VERDICT.reasons()))
                .add("ruleIds", strings(VERDICT.ruleIds()))
                .add("approverRoles", strings(List.of("finance")))
                .add("traceId", "0af7651916cd43dd8448eb211c80319c")
                .add("policyVersion", "7")
                .add("budgetRemaining", amounts());

        assertThat(json.answer(VERDICT, List.of("finance"), REMAINING))
                .isEqualTo(expected.build().toString());
    }

    @Test
    void explainPrintsWhatTheObjectModelPrints() {
        DecisionFacts facts = new DecisionFacts(
                new DecisionFacts.Permit("erp:pay", List.of("ap-clerk", "payer")),
                RiskClass.MONEY_MOVEMENT,
                AuthorityTier.AUTONOMOUS,
                "tenant kill switch by ops: incident 42",
                true,
                "refusal: \"no PII\"",
                PolicyFindings.none("7"),
                false,
                true,
                null);
        JsonObjectBuilder expected = JSON.createObjectBuilder()
                .add("decision", "REQUIRE_APPROVAL")
                .add("reasons", strings(VERDICT.reasons()))
                .add("ruleIds", strings(VERDICT.ruleIds()))
                .add("approverRoles", strings(List.of()))
                .add("policyVersion", "7")
                .add(
                        "facts",
                        JSON.createObjectBuilder()
                                .add("permittedBy", strings(List.of("ap-clerk", "payer")))
                                .add("riskClass", "MONEY_MOVEMENT")
                                .add("blastRadius", true)
                                .add("tier", "AUTONOMOUS")
                                .add("toolAllowedForTaskType", true)
                                .add("shadowMode", false)
                                .add("sponsored", true)
                                .add("killSwitch", "tenant kill switch by ops: incident 42")
                                .add("refusalCondition", "refusal: \"no PII\""))
                .add(
                        "steps",
                        JSON.createArrayBuilder()
                                .add(JSON.createObjectBuilder()
                                        .add("check", "kill-switch")
                                        .add("outcome", "off"))
                                .add(JSON.createObjectBuilder()
                                        .add("check", "policy")
                                        .add("outcome", "REQUIRE_APPROVAL")
                                        .add("detail", "rule cap-1: amount > 10000")))
                .add("budgetRemaining", amounts());

        assertThat(json.explain(VERDICT, facts, List.of(), REMAINING, null, false))
                .isEqualTo(expected.build().toString());
    }

    @Test
    void arraysOfStringsPrintAsTheObjectModelDoes() {
        assertThat(EnvelopeJson.array(VERDICT.reasons()))
                .isEqualTo(strings(VERDICT.reasons()).build().toString());
        assertThat(EnvelopeJson.array(List.of())).isEqualTo("[]");
    }

    private static JsonArrayBuilder strings(Collection<String> values) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        values.forEach(array::add);
        return array;
    }

    private static JsonObjectBuilder amounts() {
        JsonObjectBuilder object = JSON.createObjectBuilder();
        REMAINING.forEach((label, amount) -> object.add(label, amount.stripTrailingZeros()));
        return object;
    }
}

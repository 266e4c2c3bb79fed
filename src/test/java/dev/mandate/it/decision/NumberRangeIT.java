package dev.mandate.it.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import dev.mandate.it.support.Database;
import dev.mandate.it.support.Fixtures;
import dev.mandate.it.support.MandateIT;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Numbers reach the rules exactly or are refused: a cap of 1000 (template and CEL) cannot be passed with
 * a whole number that wraps around 64 bits, nor with a decimal that rounds to 1000.
 */
class NumberRangeIT extends MandateIT {

    private static DecisionSetup setup;
    private static String agent;

    @BeforeAll
    static void caps() {
        setup = new DecisionSetup();
        agent = setup.agent("AUTONOMOUS");
        Fixtures.policyRule(
                setup.admin,
                "amount-cap",
                Map.of("kind", "AMOUNT_CAP", "params", Map.of("path", "amount", "max", 1000), "effect", "DENY"));
        Fixtures.policyRule(
                setup.admin,
                "cel-cap",
                Map.of("kind", "EXPRESSION", "expression", "args.amount > 1000", "effect", "DENY"));
    }

    /** The pay envelope of the issue, with the amount written exactly as given. */
    private static Response pay(String amount) {
        String body = "{\"agentId\":\"" + agent + "\",\"taskId\":\"inv-" + UUID.randomUUID()
                + "\",\"taskType\":\"pay-invoice\",\"requestedAction\":{\"tool\":\"erp\",\"action\":\"pay\","
                + "\"arguments\":{\"invoiceId\":\"INV-1\",\"amount\":" + amount + "}},"
                + "\"modelUsage\":{\"model\":\"small\",\"calls\":1,\"cost\":0.02}}";
        return as(setup.tokenOf("AUTONOMOUS"))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(body)
                .post("/api/v1/envelopes");
    }

    @Test
    void anAmountAboveTheCapIsDeniedByBothRules() {
        for (String amount : List.of("5000", "1000.5", "1e4", "1000.00000000001")) {
            Response answer = pay(amount);
            assertThat(answer.statusCode()).as(amount).isEqualTo(200);
            assertThat(answer.<String>path("decision")).as(amount).isEqualTo("DENY");
            assertThat(answer.<List<String>>path("ruleIds")).as(amount).contains("amount-cap", "cel-cap");
        }
    }

    @Test
    void anAmountAtOrBelowTheCapFiresNeither() {
        for (String amount : List.of("1000", "1000.0", "999.999999999999", "-0", "1E3")) {
            Response answer = pay(amount);
            assertThat(answer.statusCode()).as(amount).isEqualTo(200);
            assertThat(answer.<List<String>>path("ruleIds")).as(amount).doesNotContain("amount-cap", "cel-cap");
        }
    }

    @Test
    void wholeNumbersBeyondTheRangeAreRefusedNeverWrapped() {
        for (String amount :
                List.of("18446744073709551916", "9223372036854775808", "9007199254740993", "-18446744073709550616")) {
            long before = Database.rows("envelope", setup.tenant);
            Response answer = pay(amount);
            assertThat(answer.statusCode()).as(amount).isEqualTo(400);
            answer.then()
                    .contentType(startsWith("application/problem+json"))
                    .body("type", equalTo("urn:mandate:problem:validation-failed"))
                    .body("violations.field", hasItem("requestedAction.arguments.amount"));
            assertThat(Database.rows("envelope", setup.tenant)).isEqualTo(before);
        }
    }

    @Test
    void decimalsThatWouldRoundToTheCapAreRefused() {
        for (String amount : List.of("1000.0000000000000001", "5000.0000000000000001", "1e-999999999", "1E400")) {
            Response answer = pay(amount);
            assertThat(answer.statusCode()).as(amount).isEqualTo(400);
            answer.then().body("violations.field", hasItem("requestedAction.arguments.amount"));
        }
    }

    @Test
    void rulesWithConstantsOutsideTheRangeAreRefusedAtAuthoring() {
        long before = Database.policyFootprint(setup.tenant);
        List<Map<String, Object>> drafts = List.of(
                Map.of(
                        "ruleId", "huge-cap",
                        "name", "huge",
                        "kind", "AMOUNT_CAP",
                        "params", Map.of("path", "amount", "max", new java.math.BigInteger("18446744073709551916")),
                        "effect", "DENY"),
                Map.of(
                        "ruleId", "fine-cap",
                        "name", "fine",
                        "kind", "AMOUNT_CAP",
                        "params", Map.of("path", "amount", "max", new java.math.BigDecimal("1000.0000000000000001")),
                        "effect", "DENY"),
                Map.of(
                        "ruleId", "cel-fine",
                        "name", "fine",
                        "kind", "EXPRESSION",
                        "expression", "args.amount > 1000.0000000000000001",
                        "effect", "DENY"),
                Map.of(
                        "ruleId", "cel-big",
                        "name", "big",
                        "kind", "EXPRESSION",
                        "expression", "args.amount > 9007199254740993",
                        "effect", "DENY"));
        for (Map<String, Object> draft : drafts) {
            as(setup.admin)
                    .body(draft)
                    .post("/api/v1/policies/rules")
                    .then()
                    .statusCode(400)
                    .contentType(startsWith("application/problem+json"))
                    .body("type", equalTo("urn:mandate:problem:validation-failed"));
        }
        assertThat(Database.policyFootprint(setup.tenant)).isEqualTo(before);
    }

    @Test
    void aRefusalConditionMustCompareWithANumber() {
        as(setup.admin)
                .body(Map.of(
                        "key", "bad-refusal",
                        "workflow", "accounts-payable",
                        "name", "Bad refusal",
                        "definition", "d",
                        "successCriteria", "s",
                        "riskLevel", "LOW",
                        "allowedTools", List.of(Map.of("tool", "erp", "action", "*")),
                        "refusalConditions",
                                List.of(Map.of(
                                        "fieldPath", "requestedAction.arguments.amount",
                                        "operator", "GREATER_THAN",
                                        "operand", "lots",
                                        "reason", "r"))))
                .post("/api/v1/task-types")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("refusalConditions"));
    }
}

package dev.mandate.it.h2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.it.support.Fixtures;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The numbers and hostile envelopes on the quick start's H2, where they answered the same 500s as
 * on PostgreSQL: the demo's invoice-clerk (AUTONOMOUS on erp) against the demo's amount cap.
 */
class HostileInputOnH2IT {

    private static final String BASE = System.getProperty("mandate.it.h2.base-url", "http://127.0.0.1:29080");
    private static final String CLERK = "00000000-de00-4000-8000-000000000003";

    private static Response pay(String taskId, String amount) {
        String body = "{\"agentId\":\"" + CLERK + "\",\"taskId\":" + taskId + ",\"taskType\":\"pay-invoice\","
                + "\"requestedAction\":{\"tool\":\"erp\",\"action\":\"pay_invoice\",\"arguments\":{\"invoiceId\":"
                + "\"INV-9\",\"amount\":" + amount + ",\"currency\":\"EUR\"}},"
                + "\"evidence\":[{\"source\":\"erp\",\"excerpt\":\"INV-9 matches PO-77\"}],"
                + "\"modelUsage\":{\"model\":\"small\",\"calls\":1,\"cost\":0.02}}";
        return RestAssured.given()
                .baseUri(BASE)
                .contentType("application/json")
                .header("Authorization", "Bearer " + Fixtures.devToken(BASE, CLERK, "mandate-agent"))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(body)
                .post("/api/v1/envelopes");
    }

    private static String task() {
        return "\"inv-" + UUID.randomUUID() + "\"";
    }

    @Test
    void wrappingNumbersAreRefusedAndTheCapStillDenies() {
        assertThat(pay(task(), "12000").<String>path("decision")).isEqualTo("DENY");
        for (String amount : new String[] {
            "18446744073709551916", "9223372036854775808", "12000.0000000000000001", "1e-999999999", "1".repeat(1200)
        }) {
            Response answer = pay(task(), amount);
            assertThat(answer.statusCode())
                    .as(amount + ": " + answer.asString())
                    .isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void hostileEnvelopesAre4xx() {
        String[][] cases = {
            {task(), "[".repeat(1001) + "]".repeat(1001)},
            {task(), "[".repeat(999) + "]".repeat(999)},
            {"\"inv\\u0000x\"", "500"},
            {"\"" + "t".repeat(129) + "\"", "500"},
            {task(), "\"" + "n".repeat(205_000) + "\""}
        };
        for (String[] sent : cases) {
            Response answer = pay(sent[0], sent[1]);
            assertThat(answer.statusCode())
                    .as(sent[0].length() + "/" + sent[1].length() + ": " + answer.asString())
                    .isBetween(400, 499);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
    }
}

package dev.mandate.api.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mandate.api.json.CanonicalJson;
import dev.mandate.platform.json.SharedJson;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The envelope is stored and hashed as received, minus the null members of the request classes; before,
 * it was JSON-B's rendering of the bound request. Both must be the same document, or an idempotent retry
 * sent by an older client would no longer match.
 */
class EnvelopeRequestTest {

    private static final Jsonb JSONB =
            JsonbBuilder.create(new JsonbConfig().setProperty("jsonb.fail-on-unknown-properties", true));

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"agentId\":\"a\",\"taskId\":\"t\",\"taskType\":\"x\",\"requestedAction\":{\"tool\":\"erp\",\"action\":\"pay\",\"arguments\":{}}}",
                "{\"agentId\":\"a\",\"taskId\":\"t\",\"taskType\":\"x\",\"reasoningSummary\":null,\"confidence\":0.50,"
                        + "\"requestedAction\":{\"tool\":\"erp\",\"action\":\"pay\",\"arguments\":{\"amount\":12.50,\"n\":null,"
                        + "\"deep\":{\"list\":[1,null,\"\\u00e9\",{\"z\":true,\"a\":false}]}}},"
                        + "\"modelUsage\":{\"model\":\"m\",\"inputTokens\":10,\"outputTokens\":null,\"calls\":2,\"cost\":1E+2},"
                        + "\"evidence\":[{\"source\":\"s\",\"excerpt\":null,\"citationUri\":\"https://x\"},{\"source\":null}],"
                        + "\"policyContext\":{\"labels\":[\"pii\"],\"none\":null}}",
                "{\"taskType\":\"x\",\"agentId\":\"a\",\"taskId\":\"t\",\"evidence\":[],\"modelUsage\":null,\"policyContext\":{},"
                        + "\"requestedAction\":{\"arguments\":{\"b\":1,\"a\":\"2\"},\"action\":\"pay\",\"tool\":\"erp\"},\"confidence\":1}"
            })
    void theBodyAsWrittenIsWhatJsonBWouldWrite(String body) {
        EnvelopeRequest request = read(body);

        JsonObject viaJsonB = SharedJson.JSON
                .createReader(new StringReader(JSONB.toJson(request)))
                .readObject();
        assertThat(CanonicalJson.sorted(request.asWritten()).toString())
                .isEqualTo(CanonicalJson.sorted(viaJsonB).toString());
    }

    @Test
    void aRequestNotReadFromABodyHasNoWrittenForm() {
        assertThatThrownBy(() -> new EnvelopeRequest().asWritten()).isInstanceOf(IllegalStateException.class);
    }

    /** As StrictJsonReader reads it: bound by JSON-B, handed the parsed body. */
    private static EnvelopeRequest read(String body) {
        EnvelopeRequest request = JSONB.fromJson(body, EnvelopeRequest.class);
        request.keepParsed(SharedJson.JSON.createReader(new StringReader(body)).readObject());
        return request;
    }
}

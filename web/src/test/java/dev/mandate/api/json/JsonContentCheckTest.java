package dev.mandate.api.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.platform.error.Violation;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every value of a body, wherever it is: numbers in range, text a database can store. */
class JsonContentCheckTest {

    private static List<String> fields(String json) {
        JsonValue value = Json.createReader(new StringReader(json)).readValue();
        List<Violation> violations = new ArrayList<>();
        JsonContentCheck.check("", value, violations);
        return violations.stream().map(Violation::field).toList();
    }

    @Test
    void numbersOutsideTheRangeAreNamedByPath() {
        assertThat(fields("{\"a\":{\"b\":[1,18446744073709551916]},\"c\":1e-999999999,\"d\":0.1,\"e\":-0}"))
                .containsExactly("a.b[1]", "c");
    }

    @Test
    void nulAndUnpairedSurrogatesAreNamedByPath() {
        assertThat(
                        fields(
                                "{\"t\":\"a\\u0000\",\"u\":\"\\ud800\",\"v\":\"\\udc00\",\"ok\":\"\\ud83d\\ude00\",\"k\":{\"\\u0000\":1}}"))
                .containsExactly("t", "u", "v", "k");
    }

    @Test
    void atMostTwentyAreReported() {
        assertThat(fields("[" + "1e400,".repeat(50) + "1]")).hasSize(JsonContentCheck.MAX_REPORTED);
    }

    @Test
    void aBareValueIsTheBody() {
        assertThat(fields("1E400")).containsExactly("body");
    }
}

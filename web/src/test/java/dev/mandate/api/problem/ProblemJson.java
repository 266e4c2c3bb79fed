package dev.mandate.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;

/** Reads the problem+json body of a built {@link Response}. */
final class ProblemJson {

    private ProblemJson() {}

    static JsonObject of(Response response) {
        assertThat(response.getHeaderString(HttpHeaders.CONTENT_TYPE)).isEqualTo("application/problem+json");
        assertThat(response.getEntity()).isInstanceOf(String.class);
        try (JsonReader reader = Json.createReader(new StringReader((String) response.getEntity()))) {
            return reader.readObject();
        }
    }
}

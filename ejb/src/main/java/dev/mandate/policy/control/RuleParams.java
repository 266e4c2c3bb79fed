package dev.mandate.policy.control;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.platform.json.PlainJson;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Map;

/** A rule's params as stored: a JSON object. */
public final class RuleParams {

    private RuleParams() {}

    /**
     * @throws IllegalArgumentException where a value is not JSON (params come from a validated request
     *     body: strings, numbers, booleans, lists, maps and null)
     */
    public static String toJson(Map<String, Object> params) {
        try {
            return JSON.createObjectBuilder(params == null ? Map.of() : params)
                    .build()
                    .toString();
        } catch (IllegalArgumentException | JsonException e) {
            throw new IllegalArgumentException("params cannot be written as JSON", e);
        }
    }

    public static Map<String, Object> fromJson(String json) {
        try {
            JsonObject object = JSON.createReader(new StringReader(json)).readObject();
            return PolicyValues.map(PlainJson.map(object));
        } catch (JsonException | IllegalStateException e) {
            throw new IllegalStateException("stored params are not a JSON object", e);
        }
    }
}

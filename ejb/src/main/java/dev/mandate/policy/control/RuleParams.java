package dev.mandate.policy.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** A rule's params as stored: a JSON object. */
public final class RuleParams {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private RuleParams() {}

    public static String toJson(Map<String, Object> params) {
        try {
            return JSON.writeValueAsString(params == null ? Map.of() : params);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("params cannot be written as JSON", e);
        }
    }

    public static Map<String, Object> fromJson(String json) {
        try {
            return PolicyValues.map(JSON.readValue(json, MAP));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored params are not a JSON object", e);
        }
    }
}

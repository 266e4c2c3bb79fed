package dev.mandate.scim.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.utils.JsonUtils;
import dev.mandate.scim.error.ScimProblem;

/**
 * Jackson as the SCIM SDK configures it (attribute names case-insensitive, as RFC 7643 says). Request
 * bodies are parsed here, so malformed JSON is always a SCIM {@code invalidSyntax} error.
 */
public final class ScimJson {

    public static final String MEDIA_TYPE = "application/scim+json";

    public static final ObjectMapper MAPPER = JsonUtils.createObjectMapper();

    /** Strict reading: one JSON value, nothing after it, no duplicate keys. */
    private static final ObjectReader READER = MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ScimJson() {}

    public static ObjectNode object() {
        return JsonUtils.getJsonNodeFactory().objectNode();
    }

    public static ArrayNode array() {
        return JsonUtils.getJsonNodeFactory().arrayNode();
    }

    /** The body as a JSON object, or a 400 invalidSyntax. */
    public static ObjectNode readObject(String body) {
        if (body == null || body.isBlank()) {
            throw ScimProblem.invalidSyntax("A JSON object is required as the request body.");
        }
        JsonNode node;
        try {
            node = READER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ScimProblem.invalidSyntax("The body is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw ScimProblem.invalidSyntax("The body must be a JSON object.");
        }
        return (ObjectNode) node;
    }

    /** A string value written as a quoted SCIM filter literal (JSON string escaping). */
    public static String quote(String value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

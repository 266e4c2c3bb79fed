package dev.mandate.execution.control;

import static dev.mandate.platform.json.SharedJson.JSON;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a connector's templates from a call: {@code {/json/pointer}} takes the value at that pointer in the
 * arguments, {@code {idempotencyKey}} and {@code {envelopeId}} the call's own. In a URL values are
 * percent-encoded (a value can never add a path segment, a query or another host); a body string that is
 * exactly one placeholder takes the value with its JSON type.
 */
final class RequestTemplates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(/[^{}]*|idempotencyKey|envelopeId)\\}");

    /** An argument a template names is missing: the request cannot be built. */
    static final class MissingArgumentException extends RuntimeException {
        MissingArgumentException(String placeholder) {
            super("the arguments have no value at " + placeholder);
        }
    }

    private RequestTemplates() {}

    static String url(String template, ToolCall call) {
        return text(template, call, true);
    }

    static String header(String template, ToolCall call) {
        String value = text(template, call, false);
        if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            throw new MissingArgumentException("a header value with a line break");
        }
        return value;
    }

    /** The body: the template filled in, or the arguments where there is no template. */
    static String body(String template, ToolCall call) {
        if (template == null) {
            return call.arguments().toString();
        }
        JsonValue parsed = JSON.createReader(new StringReader(template)).readValue();
        return fill(parsed, call).toString();
    }

    private static JsonValue fill(JsonValue template, ToolCall call) {
        if (template instanceof JsonString string) {
            Matcher whole = PLACEHOLDER.matcher(string.getString());
            if (whole.matches()) {
                return value(whole.group(1), call);
            }
            return JSON.createValue(text(string.getString(), call, false));
        }
        if (template instanceof JsonObject object) {
            JsonObjectBuilder filled = JSON.createObjectBuilder();
            for (Map.Entry<String, JsonValue> member : object.entrySet()) {
                filled.add(member.getKey(), fill(member.getValue(), call));
            }
            return filled.build();
        }
        if (template instanceof JsonArray array) {
            JsonArrayBuilder filled = JSON.createArrayBuilder();
            array.forEach(item -> filled.add(fill(item, call)));
            return filled.build();
        }
        return template;
    }

    private static String text(String template, ToolCall call, boolean encode) {
        Matcher placeholders = PLACEHOLDER.matcher(template);
        StringBuilder filled = new StringBuilder();
        while (placeholders.find()) {
            String value = plain(value(placeholders.group(1), call));
            placeholders.appendReplacement(
                    filled,
                    Matcher.quoteReplacement(
                            encode
                                    ? URLEncoder.encode(value, StandardCharsets.UTF_8)
                                            .replace("+", "%20")
                                    : value));
        }
        placeholders.appendTail(filled);
        return filled.toString();
    }

    private static JsonValue value(String name, ToolCall call) {
        switch (name) {
            case "idempotencyKey":
                return JSON.createValue(call.idempotencyKey());
            case "envelopeId":
                return JSON.createValue(call.envelopeId());
            default:
                try {
                    return JSON.createPointer(name).getValue(call.arguments());
                } catch (JsonException missing) {
                    throw new MissingArgumentException("{" + name + "}");
                }
        }
    }

    private static String plain(JsonValue value) {
        return value instanceof JsonString string ? string.getString() : value.toString();
    }
}

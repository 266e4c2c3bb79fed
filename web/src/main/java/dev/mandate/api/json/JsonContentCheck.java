package dev.mandate.api.json;

import dev.mandate.platform.error.Violation;
import dev.mandate.platform.json.NumberRange;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;

/**
 * What every value of a request body must be, whatever its place: numbers within {@link NumberRange},
 * strings and keys without the NUL character or unpaired surrogates (neither can be stored as text, and
 * no legitimate input holds them). Each offending value is a violation at its JSON path (at most 20).
 */
final class JsonContentCheck {

    static final int MAX_REPORTED = 20;
    static final String TEXT_RULE = "must not contain the NUL character or unpaired surrogates";

    private JsonContentCheck() {}

    static void check(String path, JsonValue value, List<Violation> violations) {
        if (violations.size() >= MAX_REPORTED || value == null) {
            return;
        }
        switch (value.getValueType()) {
            case NUMBER -> {
                if (!NumberRange.contains(((JsonNumber) value).bigDecimalValue())) {
                    violations.add(new Violation(field(path), NumberRange.RULE));
                }
            }
            case STRING -> {
                if (!storable(((JsonString) value).getString())) {
                    violations.add(new Violation(field(path), TEXT_RULE));
                }
            }
            case OBJECT -> {
                for (Map.Entry<String, JsonValue> member : ((JsonObject) value).entrySet()) {
                    String child = path.isEmpty() ? member.getKey() : path + "." + member.getKey();
                    if (!storable(member.getKey())) {
                        violations.add(new Violation(field(path), "has a key that " + TEXT_RULE));
                    } else {
                        check(child, member.getValue(), violations);
                    }
                }
            }
            case ARRAY -> {
                JsonArray array = (JsonArray) value;
                for (int i = 0; i < array.size(); i++) {
                    check(path + "[" + i + "]", array.get(i), violations);
                }
            }
            default -> {}
        }
    }

    static boolean storable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static String field(String path) {
        return path.isEmpty() ? "body" : path;
    }
}

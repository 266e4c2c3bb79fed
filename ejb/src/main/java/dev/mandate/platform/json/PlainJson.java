package dev.mandate.platform.json;

import dev.mandate.platform.error.InvalidRequestException;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON-P values as plain Java values (String, Long, Double, Boolean, List, Map, null) for policy rules.
 * Numbers keep their exact value ({@link NumberRange}); one outside the range is refused.
 */
public final class PlainJson {

    private PlainJson() {}

    public static Map<String, Object> map(JsonObject object) {
        Map<String, Object> plain = new LinkedHashMap<>();
        if (object != null) {
            object.forEach((key, value) -> plain.put(key, value(value)));
        }
        return plain;
    }

    public static Object value(JsonValue value) {
        if (value == null) {
            return null;
        }
        return switch (value.getValueType()) {
            case NULL -> null;
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> {
                Number plain = NumberRange.plain(((JsonNumber) value).numberValue());
                if (plain == null) {
                    // the API's reader refuses such bodies first; this is the last line, never a rounded value
                    throw new InvalidRequestException("envelope", NumberRange.RULE);
                }
                yield plain;
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                ((JsonArray) value).forEach(element -> list.add(value(element)));
                yield list;
            }
            case OBJECT -> map((JsonObject) value);
        };
    }
}

package dev.mandate.decision.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON-P values as plain Java values (String, Long, Double, Boolean, List, Map, null) for policy rules. */
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
                JsonNumber number = (JsonNumber) value;
                yield number.isIntegral() ? (Object) number.longValue() : (Object) number.doubleValue();
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

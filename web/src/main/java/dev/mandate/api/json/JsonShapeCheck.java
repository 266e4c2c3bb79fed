package dev.mandate.api.json;

import dev.mandate.platform.error.Violation;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Compares a parsed JSON value with the public fields of a request class: strings must be strings,
 * numbers integral where the field is, enums one of their constants, lists arrays, nested request
 * classes objects, and no property may appear that the class does not declare. Nulls pass: whether a
 * field is required is Bean Validation's business.
 */
final class JsonShapeCheck {

    private final List<Violation> violations = new ArrayList<>();

    List<Violation> check(JsonValue json, Class<?> type) {
        checkValue("", json, type);
        return violations;
    }

    private void checkValue(String path, JsonValue json, Type type) {
        if (json.getValueType() == JsonValue.ValueType.NULL) {
            return;
        }
        Class<?> raw = raw(type);
        if (raw == JsonObject.class) {
            expect(path, json instanceof JsonObject, "a JSON object");
            return;
        }
        if (raw == JsonArray.class) {
            expect(path, json instanceof JsonArray, "an array");
            return;
        }
        if (JsonValue.class.isAssignableFrom(raw) || raw == Object.class || Map.class.isAssignableFrom(raw)) {
            return;
        }
        if (raw == String.class) {
            expect(path, json instanceof JsonString, "a string");
        } else if (raw == Boolean.class || raw == boolean.class) {
            expect(path, json == JsonValue.TRUE || json == JsonValue.FALSE, "true or false");
        } else if (isIntegral(raw)) {
            expect(path, json instanceof JsonNumber n && n.isIntegral(), "an integer");
        } else if (Number.class.isAssignableFrom(raw) || raw == double.class) {
            expect(path, json instanceof JsonNumber, "a number");
        } else if (raw.isEnum()) {
            checkEnum(path, json, raw);
        } else if (List.class.isAssignableFrom(raw)) {
            checkList(path, json, type);
        } else {
            checkObject(path, json, raw);
        }
    }

    private void checkEnum(String path, JsonValue json, Class<?> enumType) {
        boolean known = json instanceof JsonString s
                && Arrays.stream(enumType.getEnumConstants())
                        .anyMatch(c -> ((Enum<?>) c).name().equals(s.getString()));
        if (!known) {
            String allowed = Arrays.stream(enumType.getEnumConstants())
                    .map(c -> ((Enum<?>) c).name())
                    .collect(Collectors.joining(", "));
            violations.add(new Violation(field(path), "must be one of " + allowed));
        }
    }

    private void checkList(String path, JsonValue json, Type type) {
        if (!(json instanceof JsonArray array)) {
            violations.add(new Violation(field(path), "must be an array"));
            return;
        }
        Type element = type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
        for (int i = 0; i < array.size(); i++) {
            checkValue(path + "[" + i + "]", array.get(i), element);
        }
    }

    private void checkObject(String path, JsonValue json, Class<?> type) {
        if (!(json instanceof JsonObject object)) {
            violations.add(new Violation(field(path), "must be a JSON object"));
            return;
        }
        for (Map.Entry<String, JsonValue> property : object.entrySet()) {
            String childPath = path.isEmpty() ? property.getKey() : path + "." + property.getKey();
            Field declared = publicField(type, property.getKey());
            if (declared == null) {
                violations.add(new Violation(childPath, "is not a property of this resource (unknown or read-only)"));
            } else {
                checkValue(childPath, property.getValue(), declared.getGenericType());
            }
        }
    }

    private void expect(String path, boolean ok, String what) {
        if (!ok) {
            violations.add(new Violation(field(path), "must be " + what));
        }
    }

    private static Field publicField(Class<?> type, String name) {
        try {
            Field field = type.getField(name);
            return Modifier.isStatic(field.getModifiers()) ? null : field;
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    private static boolean isIntegral(Class<?> raw) {
        return raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : Object.class;
    }

    private static String field(String path) {
        return path.isEmpty() ? "body" : path;
    }
}

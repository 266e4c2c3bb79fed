package dev.mandate.policy.control;

import dev.mandate.platform.json.NumberRange;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings JSON-like values into the shapes CEL evaluates: whole numbers as Long, other numbers as
 * Double (big numbers exactly, see NumberRange), strings, booleans, lists, string-keyed maps and null. Anything else becomes its string form,
 * so no object of the caller's ever reaches a rule.
 */
public final class PolicyValues {

    private PolicyValues() {}

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Map<?, ?> value) {
        if (value == null || value.isEmpty()) {
            return Map.of();
        }
        if (canonical(value)) {
            // already in CEL's shapes (the usual case on the decision path): no copy
            return (Map<String, Object>) value;
        }
        Map<String, Object> copy = new LinkedHashMap<>(value.size() * 2);
        for (Map.Entry<?, ?> entry : value.entrySet()) {
            copy.put(String.valueOf(entry.getKey()), normalize(entry.getValue()));
        }
        return Collections.unmodifiableMap(copy);
    }

    public static Object normalize(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long) {
            return value;
        }
        if (value instanceof Double d) {
            return d;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof BigInteger || value instanceof BigDecimal) {
            // exact, or kept as it is: a rule reading a number outside the range fails (closed), never
            // sees a rounded or wrapped value; rule params are checked against the range at authoring
            Number plain = NumberRange.plain((Number) value);
            return plain == null ? value : plain;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof Map<?, ?> m) {
            return map(m);
        }
        if (value instanceof Iterable<?> list) {
            List<Object> copy = new ArrayList<>();
            for (Object element : list) {
                copy.add(normalize(element));
            }
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Object[] array) {
            return normalize(List.of(array));
        }
        return value.toString();
    }

    private static boolean canonical(Object value) {
        if (value == null
                || value instanceof String
                || value instanceof Boolean
                || value instanceof Long
                || value instanceof Double) {
            return true;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String) || !canonical(entry.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof List<?> list) {
            for (Object element : list) {
                if (!canonical(element)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }
}

package dev.mandate.policy.control;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings JSON-like values into the shapes CEL evaluates: integral numbers as Long, other numbers as
 * Double, strings, booleans, lists, string-keyed maps and null. Anything else becomes its string form,
 * so no object of the caller's ever reaches a rule.
 */
public final class PolicyValues {

    private PolicyValues() {}

    public static Map<String, Object> map(Map<?, ?> value) {
        if (value == null || value.isEmpty()) {
            return Map.of();
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
        if (value instanceof BigInteger big) {
            return big.bitLength() < 64 ? (Object) big.longValue() : (Object) big.doubleValue();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal(decimal);
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

    private static Object decimal(BigDecimal decimal) {
        BigDecimal stripped = decimal.stripTrailingZeros();
        if (stripped.scale() <= 0 && stripped.precision() - stripped.scale() <= 18) {
            return stripped.longValueExact();
        }
        return decimal.doubleValue();
    }
}

package dev.mandate.decision.control;

import dev.mandate.taxonomy.entity.RefusalCondition;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Tests a task type's refusal conditions against an envelope. Field paths are dotted paths into the
 * envelope's JSON ({@code requestedAction.arguments.amount}, {@code evidence}).
 */
public final class RefusalMatcher {

    private RefusalMatcher() {}

    /** The reason of the first condition that matches, if any. */
    public static Optional<String> firstMatch(List<RefusalCondition> conditions, JsonObject envelope) {
        return conditions.stream()
                .filter(c -> matches(c, envelope))
                .map(RefusalCondition::reason)
                .findFirst();
    }

    static boolean matches(RefusalCondition condition, JsonObject envelope) {
        JsonValue value = at(envelope, condition.fieldPath());
        boolean absent = value == null || value.getValueType() == JsonValue.ValueType.NULL;
        return switch (condition.operator()) {
            case MISSING -> absent || isEmpty(value);
            case PRESENT -> !absent;
            case EQUALS -> !absent && equal(value, condition.operand());
            case CONTAINS ->
                !absent
                        && text(value)
                                .toLowerCase(Locale.ROOT)
                                .contains(Objects.requireNonNullElse(condition.operand(), "")
                                        .toLowerCase(Locale.ROOT));
            case GREATER_THAN -> value instanceof JsonNumber n && greaterThan(n.bigDecimalValue(), condition.operand());
            case MATCHES ->
                !absent
                        && Pattern.compile(condition.operand())
                                .matcher(text(value))
                                .matches();
        };
    }

    /**
     * A number equals an operand of the same value however either is written ({@code 6e4}, {@code
     * 60000.0} and {@code 60000} are one number): an agent cannot step around the condition by spelling
     * the number differently. Anything else compares by its text.
     */
    private static boolean equal(JsonValue value, String operand) {
        if (value instanceof JsonNumber number && operand != null) {
            try {
                return number.bigDecimalValue().compareTo(new BigDecimal(operand.strip())) == 0;
            } catch (NumberFormatException notANumber) {
                return false;
            }
        }
        return text(value).equals(operand);
    }

    /**
     * Exact (both sides are decimals). An operand that is not a number (authoring refuses it; rows from
     * before that check may hold one) refuses the envelope rather than failing the request.
     */
    private static boolean greaterThan(BigDecimal value, String operand) {
        try {
            return value.compareTo(new BigDecimal(operand.strip())) > 0;
        } catch (NumberFormatException | NullPointerException notANumber) {
            return true;
        }
    }

    private static JsonValue at(JsonObject root, String path) {
        JsonValue current = root;
        for (String part : path.split("\\.")) {
            if (!(current instanceof JsonObject object) || !object.containsKey(part)) {
                return null;
            }
            current = object.get(part);
        }
        return current;
    }

    private static boolean isEmpty(JsonValue value) {
        return (value instanceof JsonStructure s
                        && (s instanceof JsonObject o
                                ? o.isEmpty()
                                : s.asJsonArray().isEmpty()))
                || (value instanceof JsonString str && str.getString().isBlank());
    }

    private static String text(JsonValue value) {
        return value instanceof JsonString s ? s.getString() : value.toString();
    }
}

package dev.mandate.api.demo;

import dev.mandate.platform.error.Violation;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a demo stand-in tool misbehaves, as set through {@code PUT /demo-tools/control/{tool}}: every field
 * optional, a missing one is the well-behaved default. The bounds keep a stand-in from holding the
 * server's HTTP workers or memory for long.
 *
 * @param delayMillis wait before answering anything
 * @param failNext the next this many calls (not probes) answer {@code failStatus}, nothing applied
 * @param failStatus 400 to 599
 * @param retryAfterSeconds the {@code Retry-After} a failing 429 or 503 answers with
 * @param hangAfterEffect the next this many actions apply their effect, then answer only after {@code
 *     hangMillis} (past Mandate's timeout)
 * @param hangMillis how long such an answer hangs
 * @param hugeBodyBytes answer a JSON body of this many bytes instead (0: the normal answer)
 * @param invalidJson answer text that is not JSON
 * @param honourKeys apply an effect once per {@code Idempotency-Key} (false: every call applies one, and
 *     the tool cannot be asked by key)
 */
public record DemoBehaviour(
        int delayMillis,
        int failNext,
        int failStatus,
        int retryAfterSeconds,
        int hangAfterEffect,
        int hangMillis,
        int hugeBodyBytes,
        boolean invalidJson,
        boolean honourKeys) {

    public static final DemoBehaviour NORMAL = new DemoBehaviour(0, 0, 503, 1, 0, 10_000, 0, false, true);

    private record Range(int min, int max) {}

    private static final Map<String, Range> NUMBERS = Map.of(
            "delayMillis", new Range(0, 30_000),
            "failNext", new Range(0, 100),
            "failStatus", new Range(400, 599),
            "retryAfterSeconds", new Range(0, 600),
            "hangAfterEffect", new Range(0, 100),
            "hangMillis", new Range(0, 60_000),
            "hugeBodyBytes", new Range(0, 16 * 1024 * 1024));

    private static final Set<String> FLAGS = Set.of("invalidJson", "honourKeys");

    /** Thrown for a behaviour that is not one: every violation, each naming its field. */
    public static final class InvalidBehaviour extends Exception {
        private final transient List<Violation> violations;

        InvalidBehaviour(List<Violation> violations) {
            super("invalid behaviour", null, false, false);
            this.violations = List.copyOf(violations);
        }

        public List<Violation> violations() {
            return violations;
        }
    }

    public static DemoBehaviour from(JsonValue json) throws InvalidBehaviour {
        if (json == null || json.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidBehaviour(List.of(new Violation("body", "must be a JSON object")));
        }
        JsonObject body = json.asJsonObject();
        List<Violation> violations = new ArrayList<>();
        for (String field : body.keySet()) {
            if (!NUMBERS.containsKey(field) && !FLAGS.contains(field)) {
                violations.add(new Violation(field, "is not a behaviour; known: " + known()));
            }
        }
        int[] numbers = {
            number(body, "delayMillis", NORMAL.delayMillis, violations),
            number(body, "failNext", NORMAL.failNext, violations),
            number(body, "failStatus", NORMAL.failStatus, violations),
            number(body, "retryAfterSeconds", NORMAL.retryAfterSeconds, violations),
            number(body, "hangAfterEffect", NORMAL.hangAfterEffect, violations),
            number(body, "hangMillis", NORMAL.hangMillis, violations),
            number(body, "hugeBodyBytes", NORMAL.hugeBodyBytes, violations)
        };
        boolean invalidJson = flag(body, "invalidJson", NORMAL.invalidJson, violations);
        boolean honourKeys = flag(body, "honourKeys", NORMAL.honourKeys, violations);
        if (!violations.isEmpty()) {
            throw new InvalidBehaviour(violations);
        }
        return new DemoBehaviour(
                numbers[0],
                numbers[1],
                numbers[2],
                numbers[3],
                numbers[4],
                numbers[5],
                numbers[6],
                invalidJson,
                honourKeys);
    }

    public JsonObject toJson() {
        return Json.createObjectBuilder()
                .add("delayMillis", delayMillis)
                .add("failNext", failNext)
                .add("failStatus", failStatus)
                .add("retryAfterSeconds", retryAfterSeconds)
                .add("hangAfterEffect", hangAfterEffect)
                .add("hangMillis", hangMillis)
                .add("hugeBodyBytes", hugeBodyBytes)
                .add("invalidJson", invalidJson)
                .add("honourKeys", honourKeys)
                .build();
    }

    private static int number(JsonObject body, String field, int fallback, List<Violation> violations) {
        JsonValue value = body.get(field);
        if (value == null) {
            return fallback;
        }
        Range range = NUMBERS.get(field);
        String rule = "must be a whole number from " + range.min() + " to " + range.max();
        if (!(value instanceof JsonNumber number)
                || number.bigDecimalValue().stripTrailingZeros().scale() > 0) {
            violations.add(new Violation(field, rule));
            return fallback;
        }
        BigDecimal whole = number.bigDecimalValue();
        if (whole.compareTo(BigDecimal.valueOf(range.min())) < 0
                || whole.compareTo(BigDecimal.valueOf(range.max())) > 0) {
            violations.add(new Violation(field, rule));
            return fallback;
        }
        return whole.intValueExact();
    }

    private static boolean flag(JsonObject body, String field, boolean fallback, List<Violation> violations) {
        JsonValue value = body.get(field);
        if (value == null) {
            return fallback;
        }
        if (value.getValueType() == JsonValue.ValueType.TRUE || value.getValueType() == JsonValue.ValueType.FALSE) {
            return value.getValueType() == JsonValue.ValueType.TRUE;
        }
        violations.add(new Violation(field, "must be true or false"));
        return fallback;
    }

    private static String known() {
        List<String> names = new ArrayList<>(NUMBERS.keySet());
        names.addAll(FLAGS);
        names.sort(null);
        return String.join(", ", names);
    }
}

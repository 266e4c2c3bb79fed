package dev.mandate.jobs.eval.control;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.decision.entity.Decision;
import dev.mandate.jobs.eval.entity.CaseKind;
import dev.mandate.jobs.eval.entity.EvalCase;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.error.ProblemType;
import dev.mandate.platform.error.Violation;
import dev.mandate.platform.json.NumberRange;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an import of eval cases, JSON Lines or CSV, into cases, all or nothing: every wrong line is
 * reported by its number (the first {@value #MAX_REPORTED}), and then none is kept.
 *
 * <p>A JSON line: {@code {"key":"c1","kind":"PROMPT_INJECTION","taskType":"pay-invoice","input":{envelope
 * without agentId},"expected":{"decision":"DENY","tool":"erp","action":"pay_invoice","arguments":{...}}}};
 * {@code key} defaults to {@code line-N}, {@code kind} to GOLDEN, {@code taskType} to the input's.
 *
 * <p>CSV: a header line naming the columns ({@value #CSV_COLUMNS_TEXT}; taskType, tool, action and
 * expectedDecision required), then one case per record; {@code arguments}, {@code evidence} and {@code
 * expectedArguments} hold JSON.
 */
public final class DatasetImport {

    public static final String JSON_LINES = "application/x-ndjson";
    public static final String CSV = "text/csv";
    static final int MAX_REPORTED = 50;
    static final int MAX_INPUT_CHARS = 200_000;
    static final Set<Decision> EXPECTABLE =
            Set.of(Decision.ALLOW, Decision.DENY, Decision.REQUIRE_APPROVAL, Decision.ESCALATE);
    private static final Set<String> CASE_MEMBERS = Set.of("key", "kind", "taskType", "input", "expected");
    private static final Set<String> EXPECTED_MEMBERS = Set.of("decision", "tool", "action", "arguments");
    private static final String CSV_COLUMNS_TEXT = "key, kind, taskType, tool, action, arguments, evidence,"
            + " expectedDecision, expectedTool, expectedAction, expectedArguments";
    private static final List<String> CSV_COLUMNS = List.of(CSV_COLUMNS_TEXT.split(", "));
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,200}");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,99}");

    private final int maxCases;
    private final List<Violation> violations = new ArrayList<>();
    private final Set<String> keys = new HashSet<>();
    private final List<EvalCase> cases = new ArrayList<>();

    private DatasetImport(int maxCases) {
        this.maxCases = maxCases;
    }

    /** The cases of an import of this media type; 422 listing the wrong lines, 415 for another type. */
    public static List<EvalCase> read(String mediaType, String body, int maxCases) {
        DatasetImport reading = new DatasetImport(maxCases);
        switch (mediaType) {
            case JSON_LINES -> reading.jsonLines(body);
            case CSV -> reading.csv(body);
            default ->
                throw new InvalidRequestException(
                        ProblemType.UNSUPPORTED_MEDIA_TYPE,
                        "a dataset is imported as " + JSON_LINES + " or " + CSV,
                        List.of(new Violation("Content-Type", "must be " + JSON_LINES + " or " + CSV)));
        }
        return reading.result();
    }

    private List<EvalCase> result() {
        if (violations.isEmpty() && cases.isEmpty()) {
            violations.add(new Violation("body", "holds no case"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(
                    ProblemType.UNPROCESSABLE,
                    violations.size() + (violations.size() >= MAX_REPORTED ? " or more" : "")
                            + " problem(s) in the import; nothing was stored (see 'violations')",
                    violations);
        }
        return List.copyOf(cases);
    }

    private void jsonLines(String body) {
        String[] lines = body.split("\r?\n", -1);
        for (int i = 0; i < lines.length && violations.size() < MAX_REPORTED; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            int number = i + 1;
            JsonValue parsed;
            try (JsonReader reader = JSON.createReader(new StringReader(line))) {
                parsed = reader.readValue();
            } catch (JsonException | IllegalStateException e) {
                wrong(number, null, "is not one JSON value");
                continue;
            }
            if (!(parsed instanceof JsonObject object)) {
                wrong(number, null, "must be a JSON object");
                continue;
            }
            add(number, object);
        }
    }

    private void csv(String body) {
        List<CsvRecords.Record> records;
        try {
            records = CsvRecords.parse(body.startsWith("\uFEFF") ? body.substring(1) : body);
        } catch (CsvRecords.MalformedCsvException e) {
            wrong(e.line, null, e.getMessage());
            return;
        }
        if (records.isEmpty()) {
            return;
        }
        CsvRecords.Record header = records.get(0);
        List<String> columns = header.fields().stream().map(String::strip).toList();
        for (String column : columns) {
            if (!CSV_COLUMNS.contains(column)) {
                wrong(header.line(), column, "is not a column; the columns are " + CSV_COLUMNS_TEXT);
            }
        }
        for (String required : List.of("taskType", "tool", "action", "expectedDecision")) {
            if (!columns.contains(required)) {
                wrong(header.line(), required, "is a required column");
            }
        }
        if (!violations.isEmpty() || new HashSet<>(columns).size() != columns.size()) {
            if (violations.isEmpty()) {
                wrong(header.line(), null, "names a column twice");
            }
            return;
        }
        for (CsvRecords.Record record : records.subList(1, records.size())) {
            if (violations.size() >= MAX_REPORTED) {
                return;
            }
            if (record.fields().size() != columns.size()) {
                wrong(
                        record.line(),
                        null,
                        "has " + record.fields().size() + " fields; the header names " + columns.size());
                continue;
            }
            JsonObject object = caseOf(record.line(), columns, record.fields());
            if (object != null) {
                add(record.line(), object);
            }
        }
    }

    /** A CSV record as the JSON line it stands for, or null where a JSON column does not hold JSON. */
    private JsonObject caseOf(int line, List<String> columns, List<String> fields) {
        Map<String, String> value = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            if (!fields.get(i).isEmpty()) {
                value.put(columns.get(i), fields.get(i));
            }
        }
        JsonObjectBuilder action = JSON.createObjectBuilder();
        putText(action, "tool", value.get("tool"));
        putText(action, "action", value.get("action"));
        JsonValue arguments = json(line, "arguments", value.getOrDefault("arguments", "{}"));
        JsonValue evidence = value.containsKey("evidence") ? json(line, "evidence", value.get("evidence")) : null;
        JsonValue expectedArguments = value.containsKey("expectedArguments")
                ? json(line, "expectedArguments", value.get("expectedArguments"))
                : null;
        if (arguments == null
                || (value.containsKey("evidence") && evidence == null)
                || (value.containsKey("expectedArguments") && expectedArguments == null)) {
            return null;
        }
        action.add("arguments", arguments);
        JsonObjectBuilder input = JSON.createObjectBuilder();
        putText(input, "taskType", value.get("taskType"));
        input.add("requestedAction", action);
        if (evidence != null) {
            input.add("evidence", evidence);
        }
        JsonObjectBuilder expected = JSON.createObjectBuilder();
        putText(expected, "decision", value.get("expectedDecision"));
        putText(expected, "tool", value.get("expectedTool"));
        putText(expected, "action", value.get("expectedAction"));
        if (expectedArguments != null) {
            expected.add("arguments", expectedArguments);
        }
        JsonObjectBuilder object = JSON.createObjectBuilder();
        putText(object, "key", value.get("key"));
        putText(object, "kind", value.get("kind"));
        putText(object, "taskType", value.get("taskType"));
        return object.add("input", input).add("expected", expected).build();
    }

    private JsonValue json(int line, String column, String text) {
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            return reader.readValue();
        } catch (JsonException | IllegalStateException e) {
            wrong(line, column, "is not JSON");
            return null;
        }
    }

    private static void putText(JsonObjectBuilder builder, String name, String value) {
        if (value != null) {
            builder.add(name, value);
        }
    }

    private void add(int line, JsonObject object) {
        int before = violations.size();
        for (String member : object.keySet()) {
            if (!CASE_MEMBERS.contains(member)) {
                wrong(line, member, "is not a member of a case (" + String.join(", ", CASE_MEMBERS) + ")");
            }
        }
        String key = text(line, object, "key", KEY, "must be 1-200 visible ASCII characters");
        CaseKind kind = CaseKind.GOLDEN;
        if (object.containsKey("kind")) {
            String name = text(line, object, "kind", null, null);
            try {
                kind = name == null ? null : CaseKind.valueOf(name);
            } catch (IllegalArgumentException e) {
                wrong(line, "kind", "must be one of " + List.of(CaseKind.values()));
            }
        }
        JsonObject input = object.get("input") instanceof JsonObject o ? o : null;
        if (input == null) {
            wrong(line, "input", "is required: a JSON object (the envelope, without agentId)");
        } else {
            content(line, "input", input);
            if (input.toString().length() > MAX_INPUT_CHARS) {
                wrong(line, "input", "must be at most " + MAX_INPUT_CHARS + " characters");
            }
        }
        String taskType = text(line, object, "taskType", NAME, "must be a task type key");
        if (!object.containsKey("taskType")) {
            if (input != null
                    && input.get("taskType") instanceof JsonString t
                    && NAME.matcher(t.getString()).matches()) {
                taskType = t.getString();
            } else {
                wrong(line, "taskType", "is required (here or as the input's taskType)");
            }
        }
        Expected expected = expected(line, object.get("expected"));
        String caseKey = key == null ? "line-" + line : key;
        if (!keys.add(caseKey)) {
            wrong(line, "key", "'" + caseKey + "' is the key of an earlier case");
        }
        if (violations.size() > before) {
            return;
        }
        if (cases.size() >= maxCases) {
            wrong(line, null, "is one case too many: a dataset version holds at most " + maxCases);
            return;
        }
        cases.add(new EvalCase(
                cases.size() + 1,
                caseKey,
                kind,
                taskType,
                input,
                expected.decision,
                expected.tool,
                expected.action,
                expected.arguments));
    }

    private record Expected(Decision decision, String tool, String action, JsonObject arguments) {}

    private Expected expected(int line, JsonValue value) {
        if (!(value instanceof JsonObject expected)) {
            wrong(line, "expected", "is required: an object with decision (and optionally tool, action, arguments)");
            return new Expected(null, null, null, null);
        }
        for (String member : expected.keySet()) {
            if (!EXPECTED_MEMBERS.contains(member)) {
                wrong(line, "expected." + member, "is not a member of expected (" + EXPECTED_MEMBERS + ")");
            }
        }
        Decision decision = null;
        String name = text(line, expected, "decision", null, null);
        if (name == null) {
            if (!expected.containsKey("decision")) {
                wrong(line, "expected.decision", "is required");
            }
        } else {
            try {
                decision = Decision.valueOf(name);
            } catch (IllegalArgumentException e) {
                // not SHADOW: shadow mode is the tenant's setting, not what an agent should get
            }
            if (decision == null || !EXPECTABLE.contains(decision)) {
                wrong(line, "expected.decision", "must be ALLOW, DENY, REQUIRE_APPROVAL or ESCALATE");
            }
        }
        String tool = text(line, expected, "tool", NAME, "must be a tool key");
        String action = text(line, expected, "action", NAME, "must be an action key");
        JsonObject arguments = null;
        if (expected.containsKey("arguments")) {
            if (expected.get("arguments") instanceof JsonObject a) {
                arguments = a;
                content(line, "expected.arguments", a);
            } else {
                wrong(line, "expected.arguments", "must be a JSON object");
            }
        }
        return new Expected(decision, tool, action, arguments);
    }

    /** A string member, or null where absent; a wrong one is reported (and null). */
    private String text(int line, JsonObject object, String member, Pattern shape, String rule) {
        JsonValue value = object.get(member);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (!(value instanceof JsonString string)) {
            wrong(line, member, "must be a string");
            return null;
        }
        if (shape != null && !shape.matcher(string.getString()).matches()) {
            wrong(line, member, rule);
            return null;
        }
        return string.getString();
    }

    /** Values that cannot be stored or compared exactly: NUL characters, numbers beyond exact range. */
    private void content(int line, String path, JsonValue value) {
        switch (value.getValueType()) {
            case STRING -> {
                if (((JsonString) value).getString().indexOf('\0') >= 0) {
                    wrong(line, path, "must not contain the NUL character");
                }
            }
            case NUMBER -> {
                if (!NumberRange.contains(((JsonNumber) value).bigDecimalValue())) {
                    wrong(line, path, NumberRange.RULE);
                }
            }
            case OBJECT -> {
                for (Map.Entry<String, JsonValue> member : ((JsonObject) value).entrySet()) {
                    if (member.getKey().indexOf('\0') >= 0) {
                        wrong(line, path, "has a key with the NUL character");
                    } else {
                        content(line, path + "." + member.getKey(), member.getValue());
                    }
                }
            }
            case ARRAY -> {
                JsonArray items = (JsonArray) value;
                for (int i = 0; i < items.size(); i++) {
                    content(line, path + "[" + i + "]", items.get(i));
                }
            }
            default -> {}
        }
    }

    private void wrong(int line, String field, String message) {
        if (violations.size() < MAX_REPORTED) {
            violations.add(new Violation("line " + line + (field == null ? "" : ": " + field), message));
        }
    }
}

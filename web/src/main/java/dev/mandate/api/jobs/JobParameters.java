package dev.mandate.api.jobs;

import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.error.Violation;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The parameters of a start as strings: every value must be a JSON string (names are the job's to judge). */
final class JobParameters {

    private JobParameters() {}

    static Map<String, String> of(JobStartRequest request) {
        Map<String, String> parameters = new LinkedHashMap<>();
        JsonObject given = request == null ? null : request.parameters;
        if (given == null) {
            return parameters;
        }
        List<Violation> violations = new ArrayList<>();
        for (Map.Entry<String, JsonValue> parameter : given.entrySet()) {
            if (parameter.getValue() instanceof JsonString text) {
                parameters.put(parameter.getKey(), text.getString());
            } else {
                String name = parameter.getKey();
                violations.add(new Violation(
                        "parameters." + (name.length() > 64 ? name.substring(0, 64) : name), "must be a string"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return parameters;
    }
}

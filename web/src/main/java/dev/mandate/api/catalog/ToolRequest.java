package dev.mandate.api.catalog;

import dev.mandate.api.json.RequestBody;
import dev.mandate.catalog.entity.RiskClass;
import dev.mandate.catalog.entity.ToolActionDefinition;
import dev.mandate.catalog.entity.ToolDefinition;
import dev.mandate.platform.error.InvalidRequestException;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

public class ToolRequest implements RequestBody {

    @NotBlank(message = "is required")
    @Pattern(regexp = "[a-z0-9][a-z0-9_.-]{0,99}", message = "must be a tool key (lowercase, digits, _ . -)")
    public String key;

    @NotBlank(message = "is required")
    @Size(max = 200, message = "must be at most 200 characters")
    public String name;

    @Size(max = 2000, message = "must be at most 2000 characters")
    public String description;

    @NotNull(message = "is required")
    @Size(min = 1, max = 100, message = "must list 1 to 100 actions")
    public List<@Valid @NotNull(message = "must not be null") Action> actions;

    public static class Action {
        @NotBlank(message = "is required")
        @Pattern(regexp = "[a-z0-9][a-z0-9_.-]{0,99}", message = "must be an action key")
        public String key;

        @NotNull(message = "is required")
        public RiskClass riskClass;

        /** JSON Schema (2020-12) the action's arguments must satisfy. */
        @NotNull(message = "is required (a JSON Schema object)")
        public JsonObject argumentSchema;

        @Size(max = 2000, message = "must be at most 2000 characters")
        public String description;
    }

    /** The argument_schema column. */
    static final int MAX_SCHEMA_CHARS = 20_000;

    /** Far beyond any real schema, far below what the schema library's recursion survives. */
    static final int MAX_SCHEMA_DEPTH = 64;

    ToolDefinition toDefinition() {
        for (int i = 0; i < actions.size(); i++) {
            JsonObject schema = actions.get(i).argumentSchema;
            String field = "actions[" + i + "].argumentSchema";
            if (schema.toString().length() > MAX_SCHEMA_CHARS) {
                throw new InvalidRequestException(field, "must be at most " + MAX_SCHEMA_CHARS + " characters as JSON");
            }
            if (depth(schema) > MAX_SCHEMA_DEPTH) {
                throw new InvalidRequestException(field, "must not be nested deeper than " + MAX_SCHEMA_DEPTH);
            }
        }
        return new ToolDefinition(
                key,
                name,
                description,
                actions.stream()
                        .map(a -> new ToolActionDefinition(
                                a.key, a.riskClass, a.argumentSchema.toString(), a.description))
                        .toList());
    }

    private static int depth(JsonValue value) {
        int deepest = 0;
        if (value instanceof JsonObject object) {
            for (JsonValue member : object.values()) {
                deepest = Math.max(deepest, depth(member));
            }
            return deepest + 1;
        }
        if (value instanceof JsonArray array) {
            for (JsonValue element : array) {
                deepest = Math.max(deepest, depth(element));
            }
            return deepest + 1;
        }
        return 0;
    }
}

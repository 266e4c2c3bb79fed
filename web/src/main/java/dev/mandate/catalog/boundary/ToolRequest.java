package dev.mandate.catalog.boundary;

import dev.mandate.api.json.RequestBody;
import dev.mandate.catalog.entity.RiskClass;
import dev.mandate.catalog.entity.ToolActionDefinition;
import dev.mandate.catalog.entity.ToolDefinition;
import jakarta.json.JsonObject;
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

    ToolDefinition toDefinition() {
        return new ToolDefinition(
                key,
                name,
                description,
                actions.stream()
                        .map(a -> new ToolActionDefinition(
                                a.key, a.riskClass, a.argumentSchema.toString(), a.description))
                        .toList());
    }
}

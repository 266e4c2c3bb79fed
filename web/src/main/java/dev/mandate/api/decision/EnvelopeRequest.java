package dev.mandate.api.decision;

import dev.mandate.api.json.KeepsParsedJson;
import dev.mandate.api.json.RequestBody;
import dev.mandate.platform.json.SharedJson;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;

/** A tool call an agent asks Mandate to decide on. */
public class EnvelopeRequest implements RequestBody, KeepsParsedJson {

    /** The body as parsed; private and without accessors, so neither JSON-B nor the shape check sees it. */
    private JsonObject parsed;

    @NotBlank(message = "is required (the calling agent's id)")
    @Size(max = 36, message = "must be at most 36 characters")
    public String agentId;

    /** At most the audit's task id column (128), like every limit here: one value from request to column. */
    @NotBlank(message = "is required (groups the envelopes of one task)")
    @Size(max = 128, message = "must be at most 128 characters")
    public String taskId;

    @NotBlank(message = "is required")
    @Size(max = 100, message = "must be at most 100 characters")
    public String taskType;

    /** The version of the agent that produced this envelope: one registered for the agent, else 422. */
    @Pattern(
            regexp = "[A-Za-z0-9][A-Za-z0-9._+-]{0,63}",
            message = "must be an agent version (1-64 of A-Z a-z 0-9 . _ + -)")
    public String agentVersion;

    @NotNull(message = "is required")
    @Valid
    public RequestedAction requestedAction;

    @Size(max = 50, message = "must list at most 50 items")
    public List<@Valid @NotNull(message = "must not be null") Evidence> evidence;

    @Size(max = 4000, message = "must be at most 4000 characters")
    public String reasoningSummary;

    /** Context for policy rules, e.g. classifier labels under "labels": inputs to rules, never decisions. */
    public JsonObject policyContext;

    @Valid
    public ModelUsage modelUsage;

    /** The person the agent acts for (asserted by the agent): recorded with the decision and execution. */
    @Size(max = 256, message = "must be at most 256 characters")
    @jakarta.validation.constraints.Pattern(
            regexp = "[^\\p{Cntrl}]+",
            message = "must be a person's identifier without control characters")
    public String onBehalfOf;

    /**
     * The person's own token, proving {@link #onBehalfOf}; verified, never stored (the stored envelope
     * says only that it was proven).
     */
    @Size(max = 8192, message = "must be at most 8192 characters")
    public String onBehalfOfToken;

    /** Where Mandate posts the execution's outcome when it ends (signed; hosts the operator allows). */
    @Size(max = 2000, message = "must be at most 2000 characters")
    public String callbackUrl;

    @DecimalMin(value = "0", message = "must be between 0 and 1")
    @DecimalMax(value = "1", message = "must be between 0 and 1")
    public BigDecimal confidence;

    @Override
    public void keepParsed(JsonObject json) {
        this.parsed = json;
    }

    /**
     * The body as JSON-B would write this request: as received, without the members that are null in
     * this class or its nested request classes (JSON values such as the arguments stay as sent).
     */
    public JsonObject asWritten() {
        if (parsed == null) {
            throw new IllegalStateException("not read by StrictJsonReader");
        }
        JsonObjectBuilder body = withoutNulls(parsed);
        for (String nested : List.of("requestedAction", "modelUsage")) {
            if (parsed.get(nested) instanceof JsonObject object) {
                body.add(nested, withoutNulls(object));
            }
        }
        if (parsed.get("evidence") instanceof JsonArray items) {
            JsonArrayBuilder evidence = SharedJson.JSON.createArrayBuilder();
            items.forEach(item ->
                    evidence.add(item instanceof JsonObject o ? withoutNulls(o).build() : item));
            body.add("evidence", evidence);
        }
        return body.build();
    }

    private static JsonObjectBuilder withoutNulls(JsonObject object) {
        JsonObjectBuilder builder = SharedJson.JSON.createObjectBuilder();
        object.forEach((key, value) -> {
            if (value.getValueType() != JsonValue.ValueType.NULL) {
                builder.add(key, value);
            }
        });
        return builder;
    }

    public static class RequestedAction {
        @NotBlank(message = "is required")
        @Pattern(regexp = "[a-z0-9][a-z0-9_.-]{0,99}", message = "must be a tool key")
        public String tool;

        @NotBlank(message = "is required")
        @Pattern(regexp = "[a-z0-9][a-z0-9_.-]{0,99}", message = "must be an action key")
        public String action;

        @NotNull(message = "is required (may be {})")
        public JsonObject arguments;
    }

    public static class Evidence {
        @Size(max = 500, message = "must be at most 500 characters")
        public String source;

        @Size(max = 4000, message = "must be at most 4000 characters")
        public String excerpt;

        @Size(max = 2000, message = "must be at most 2000 characters")
        public String citationUri;
    }

    public static class ModelUsage {
        @Size(max = 200, message = "must be at most 200 characters")
        public String model;

        @Min(value = 0, message = "must be 0 or more")
        public Long inputTokens;

        @Min(value = 0, message = "must be 0 or more")
        public Long outputTokens;

        @Min(value = 0, message = "must be 0 or more")
        @Max(value = 10000, message = "must be at most 10000")
        public Integer calls;

        @DecimalMin(value = "0", message = "must be 0 or more")
        @DecimalMax(value = "1000000", message = "must be at most 1000000")
        public BigDecimal cost;
    }
}

package dev.mandate.api.catalog;

import dev.mandate.api.json.RequestBody;
import dev.mandate.catalog.control.ConnectorRules;
import dev.mandate.catalog.entity.ConnectorDefinition;
import dev.mandate.catalog.entity.CredentialReference;
import dev.mandate.catalog.entity.CredentialReference.CredentialKind;
import dev.mandate.catalog.entity.RiskClass;
import dev.mandate.catalog.entity.ToolActionDefinition;
import dev.mandate.catalog.entity.ToolDefinition;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.error.Violation;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

        /** How Mandate carries the action out; absent when it does not. */
        public Connector connector;
    }

    /**
     * A connector as sent; absent members take their defaults. Its rules are checked where every tool
     * change is (ConnectorRules), so this class only binds and fills in.
     */
    public static class Connector {
        public String method;
        public String url;

        /** Static headers: names to string values. */
        public JsonObject headers;

        /** Any JSON value: the body template. */
        public JsonValue body;

        public Credential credential;
        public String resultPointer;
        public Long maxResultBytes;
        public Long timeoutMillis;
        public Boolean retrySafe;
        public Long maxAttempts;
        public StatusProbe statusProbe;
        public Long syncWaitMillis;
        public Long cacheTtlSeconds;
        public BigDecimal pricePerCall;
        public Long maxConcurrent;
    }

    public static class Credential {
        public String name;
        public CredentialKind kind;
        public String header;
        public String tokenUrl;
        public List<String> scopes;
        public Boolean perPerson;
    }

    public static class StatusProbe {
        public String method;
        public String url;
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
        List<Violation> violations = new ArrayList<>();
        List<ToolActionDefinition> definitions = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            Action a = actions.get(i);
            ConnectorDefinition connector =
                    a.connector == null ? null : connector(a.connector, "actions[" + i + "].connector", violations);
            definitions.add(new ToolActionDefinition(
                    a.key, a.riskClass, a.argumentSchema.toString(), a.description, connector));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return new ToolDefinition(key, name, description, definitions);
    }

    private static ConnectorDefinition connector(Connector c, String field, List<Violation> violations) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (c.headers != null) {
            c.headers.forEach((header, value) -> {
                if (value instanceof JsonString text) {
                    headers.put(header, text.getString());
                } else {
                    violations.add(new Violation(field + ".headers." + header, "must be a string"));
                }
            });
        }
        boolean retrySafe = Boolean.TRUE.equals(c.retrySafe);
        int defaultAttempts = retrySafe ? ConnectorRules.DEFAULT_ATTEMPTS_RETRY_SAFE : ConnectorRules.DEFAULT_ATTEMPTS;
        return new ConnectorDefinition(
                c.method,
                c.url,
                Collections.unmodifiableMap(headers),
                c.body == null || c.body.getValueType() == JsonValue.ValueType.NULL ? null : c.body.toString(),
                credential(c.credential),
                c.resultPointer == null ? ConnectorRules.DEFAULT_RESULT_POINTER : c.resultPointer,
                narrow(c.maxResultBytes, ConnectorRules.DEFAULT_MAX_RESULT_BYTES),
                narrow(c.timeoutMillis, ConnectorRules.DEFAULT_TIMEOUT_MILLIS),
                retrySafe,
                narrow(c.maxAttempts, defaultAttempts),
                c.statusProbe == null
                        ? null
                        : new ConnectorDefinition.StatusProbe(c.statusProbe.method, c.statusProbe.url),
                narrow(c.syncWaitMillis, ConnectorRules.DEFAULT_SYNC_WAIT_MILLIS),
                narrow(c.cacheTtlSeconds, ConnectorRules.DEFAULT_CACHE_TTL_SECONDS),
                c.pricePerCall == null ? ConnectorRules.DEFAULT_PRICE_PER_CALL : plain(c.pricePerCall),
                narrow(c.maxConcurrent, ConnectorRules.DEFAULT_MAX_CONCURRENT));
    }

    private static CredentialReference credential(Credential c) {
        if (c == null) {
            return null;
        }
        return new CredentialReference(
                c.name,
                c.kind,
                c.header,
                c.tokenUrl,
                c.scopes == null ? null : List.copyOf(c.scopes),
                Boolean.TRUE.equals(c.perPerson));
    }

    /**
     * The value as an int for the connector, where every range lies well inside int: a value beyond it
     * becomes the nearest int, still outside its range and refused as such, never wrapped into it.
     */
    private static int narrow(Long value, int absent) {
        if (value == null) {
            return absent;
        }
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }

    /** 0.50 as 0.5 and 1E+2 as 100: the price as answered. */
    private static BigDecimal plain(BigDecimal price) {
        BigDecimal stripped = price.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
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

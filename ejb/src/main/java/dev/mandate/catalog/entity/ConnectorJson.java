package dev.mandate.catalog.entity;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.catalog.entity.ConnectorDefinition.StatusProbe;
import dev.mandate.catalog.entity.CredentialReference.CredentialKind;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A connector as JSON, the same in the API's answers and in the {@code connector_json} column: the
 * record's components by name, except {@code bodyTemplate}, which is the JSON value {@code body}. Every
 * component is written, defaults included, so a stored connector means what it meant when it was
 * written. A credential appears by reference only: there is nothing secret in a connector.
 */
public final class ConnectorJson {

    private ConnectorJson() {}

    public static JsonObject toJson(ConnectorDefinition connector) {
        JsonObjectBuilder headers = JSON.createObjectBuilder();
        connector.headers().forEach(headers::add);
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("method", connector.method())
                .add("url", connector.url())
                .add("headers", headers);
        if (connector.bodyTemplate() != null) {
            json.add("body", parse(connector.bodyTemplate()));
        }
        if (connector.credential() != null) {
            json.add("credential", toJson(connector.credential()));
        }
        json.add("resultPointer", connector.resultPointer())
                .add("maxResultBytes", connector.maxResultBytes())
                .add("timeoutMillis", connector.timeoutMillis())
                .add("retrySafe", connector.retrySafe())
                .add("maxAttempts", connector.maxAttempts());
        if (connector.statusProbe() != null) {
            json.add(
                    "statusProbe",
                    JSON.createObjectBuilder()
                            .add("method", connector.statusProbe().method())
                            .add("url", connector.statusProbe().url()));
        }
        return json.add("syncWaitMillis", connector.syncWaitMillis())
                .add("cacheTtlSeconds", connector.cacheTtlSeconds())
                .add("pricePerCall", connector.pricePerCall())
                .add("maxConcurrent", connector.maxConcurrent())
                .build();
    }

    private static JsonObject toJson(CredentialReference credential) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("name", credential.name())
                .add("kind", credential.kind().name());
        if (credential.header() != null) {
            json.add("header", credential.header());
        }
        if (credential.tokenUrl() != null) {
            json.add("tokenUrl", credential.tokenUrl());
        }
        if (credential.scopes() != null) {
            JsonArrayBuilder scopes = JSON.createArrayBuilder();
            credential.scopes().forEach(scopes::add);
            json.add("scopes", scopes);
        }
        return json.add("perPerson", credential.perPerson()).build();
    }

    /** The column's text; null for no connector. */
    public static String text(ConnectorDefinition connector) {
        return connector == null ? null : toJson(connector).toString();
    }

    /** A connector from the column's text; null for none. */
    public static ConnectorDefinition fromText(String text) {
        if (text == null) {
            return null;
        }
        JsonObject json = parse(text).asJsonObject();
        Map<String, String> headers = new LinkedHashMap<>();
        json.getJsonObject("headers").forEach((name, value) -> headers.put(name, ((JsonString) value).getString()));
        JsonValue body = json.get("body");
        JsonObject probe = json.getJsonObject("statusProbe");
        return new ConnectorDefinition(
                json.getString("method"),
                json.getString("url"),
                Collections.unmodifiableMap(headers),
                body == null ? null : body.toString(),
                credential(json.getJsonObject("credential")),
                json.getString("resultPointer"),
                json.getInt("maxResultBytes"),
                json.getInt("timeoutMillis"),
                json.getBoolean("retrySafe"),
                json.getInt("maxAttempts"),
                probe == null ? null : new StatusProbe(probe.getString("method"), probe.getString("url")),
                json.getInt("syncWaitMillis"),
                json.getInt("cacheTtlSeconds"),
                json.getJsonNumber("pricePerCall").bigDecimalValue(),
                json.getInt("maxConcurrent"));
    }

    private static CredentialReference credential(JsonObject json) {
        if (json == null) {
            return null;
        }
        List<String> scopes =
                json.containsKey("scopes") ? json.getJsonArray("scopes").getValuesAs(JsonString::getString) : null;
        return new CredentialReference(
                json.getString("name"),
                CredentialKind.valueOf(json.getString("kind")),
                json.getString("header", null),
                json.getString("tokenUrl", null),
                scopes,
                json.getBoolean("perPerson", false));
    }

    private static JsonValue parse(String text) {
        try (var reader = JSON.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }
}

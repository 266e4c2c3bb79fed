package dev.mandate.catalog.entity;

/**
 * The client-editable shape of an action; argumentSchema is a JSON Schema document as text; connector,
 * where set, is how Mandate carries the action out.
 */
public record ToolActionDefinition(
        String key, RiskClass riskClass, String argumentSchema, String description, ConnectorDefinition connector) {

    public ToolActionDefinition(String key, RiskClass riskClass, String argumentSchema, String description) {
        this(key, riskClass, argumentSchema, description, null);
    }
}

package dev.mandate.catalog.entity;

/** The client-editable shape of an action; argumentSchema is a JSON Schema document as text. */
public record ToolActionDefinition(String key, RiskClass riskClass, String argumentSchema, String description) {}

package dev.mandate.catalog.entity;

import java.util.List;

public record ToolDefinition(String key, String name, String description, List<ToolActionDefinition> actions) {}

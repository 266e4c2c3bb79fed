package dev.mandate.api.json;

/**
 * Marks a JSON request body class. {@link StrictJsonReader} is declared for this type, so Jersey
 * always prefers it over the general JSON-B reader (a closer type wins), whatever the provider order.
 */
public interface RequestBody {}

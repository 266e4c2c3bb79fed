package dev.mandate.platform.error;

/** One thing wrong with a request: where ({@code field}, a JSON path or parameter name) and why. */
public record Violation(String field, String message) {}

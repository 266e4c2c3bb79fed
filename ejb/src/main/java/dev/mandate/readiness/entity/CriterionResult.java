package dev.mandate.readiness.entity;

import jakarta.json.JsonObject;

/**
 * One criterion as evaluated: met or not, the evidence in a sentence with its numbers, an API path where a
 * person or the console finds the data behind it, and the details (numbers and names) as JSON.
 */
public record CriterionResult(Criterion criterion, boolean met, String evidence, String link, JsonObject details) {

    public static final String MET = "MET";
    public static final String NOT_MET = "NOT_MET";

    public String status() {
        return met ? MET : NOT_MET;
    }
}

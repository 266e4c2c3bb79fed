package dev.mandate.jobs.eval.entity;

/** A case of a run with its score, as the API lists them. */
public record CaseResult(int seq, String key, CaseKind kind, String expectedDecision, CaseScore score) {}

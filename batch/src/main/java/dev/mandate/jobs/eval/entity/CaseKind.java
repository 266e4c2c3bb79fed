package dev.mandate.jobs.eval.entity;

/** What a case tests: the golden path, or one of the adversarial situations an agent must handle. */
public enum CaseKind {
    GOLDEN,
    PROMPT_INJECTION,
    MISSING_CONTEXT,
    MALFORMED_INPUT,
    AMBIGUOUS_REQUEST,
    TOOL_FAILURE,
    RATE_LIMIT
}

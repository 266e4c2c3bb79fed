package dev.mandate.taxonomy.entity;

/** How a refusal condition tests the value at its field path. */
public enum RefusalOperator {
    /** the field is absent or null */
    MISSING,
    /** the field is present */
    PRESENT,
    EQUALS,
    /** string contains the operand, case-insensitively */
    CONTAINS,
    /** number greater than the operand */
    GREATER_THAN,
    /** string matches the operand as a whole (Java regular expression) */
    MATCHES
}

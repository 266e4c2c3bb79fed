package dev.mandate.escalation.entity;

/** What the person who holds an item decided. */
public enum Resolution {
    /** execute the envelope's action as suggested */
    EXECUTE,
    /** execute with the person's edited arguments, decided again by the whole decision path */
    EXECUTE_EDITED,
    /** do not execute */
    REJECT,
    /** give it back to the agent, with guidance */
    RETURN_TO_AGENT
}

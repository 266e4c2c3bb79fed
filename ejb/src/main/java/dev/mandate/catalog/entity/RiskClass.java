package dev.mandate.catalog.entity;

/** What an action can do to the world. Everything but READ and WRITE is a blast-radius class. */
public enum RiskClass {
    READ,
    WRITE,
    MONEY_MOVEMENT,
    DELETION,
    EXTERNAL_COMMUNICATION,
    PERMISSION_GRANT,
    PRODUCTION_CHANGE;

    /** Needs a human's approval unless a policy rule explicitly allows it. */
    public boolean isBlastRadius() {
        return this != READ && this != WRITE;
    }

    public boolean isReadOnly() {
        return this == READ;
    }
}

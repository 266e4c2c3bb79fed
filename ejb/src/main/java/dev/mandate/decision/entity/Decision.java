package dev.mandate.decision.entity;

/** The answer to an envelope. */
public enum Decision {
    ALLOW,
    DENY,
    REQUIRE_APPROVAL,
    ESCALATE,
    /** decided and audited, but nothing will execute (shadow mode) */
    SHADOW;

    /** Could lead to the tool running, now or after approval: the cases that consume budget. */
    public boolean couldExecute() {
        return this == ALLOW || this == REQUIRE_APPROVAL;
    }
}

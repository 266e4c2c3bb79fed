package dev.mandate.escalation.entity;

/** Why an item is in the queue. */
public enum EscalationSource {
    /** a policy rule said ESCALATE */
    ESCALATE_DECISION,
    /** a budget or task limit would have been exceeded */
    BUDGET_EXHAUSTED,
    /** the tool kept failing until no attempts were left */
    EXECUTION_FAILED,
    /** sent, no answer, and nothing could settle whether it acted */
    OUTCOME_UNKNOWN,
    /** nobody approved in time, and the SLA class hands such requests to the queue */
    APPROVAL_EXPIRED,
    /** the agent's confidence was below its task type's threshold */
    LOW_CONFIDENCE
}

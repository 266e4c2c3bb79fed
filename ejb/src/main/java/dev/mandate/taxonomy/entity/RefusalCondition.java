package dev.mandate.taxonomy.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/**
 * A situation in which the task type must not be done, e.g. "arguments.amount GREATER_THAN 10000" or
 * "evidence MISSING": when it matches, the envelope is denied with this reason.
 */
@Embeddable
public class RefusalCondition {

    @Column(name = "field_path", nullable = false)
    private String fieldPath;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private RefusalOperator operator;

    private String operand;

    @Column(nullable = false)
    private String reason;

    protected RefusalCondition() {}

    public RefusalCondition(String fieldPath, RefusalOperator operator, String operand, String reason) {
        this.fieldPath = fieldPath;
        this.operator = operator;
        this.operand = operand;
        this.reason = reason;
    }

    public String fieldPath() {
        return fieldPath;
    }

    public RefusalOperator operator() {
        return operator;
    }

    public String operand() {
        return operand;
    }

    public String reason() {
        return reason;
    }
}

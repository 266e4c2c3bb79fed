package dev.mandate.platform.error;

import jakarta.ejb.ApplicationException;

/**
 * Root of Mandate's business exceptions: each subclass is one meaning with one HTTP status and one
 * stable problem type. Thrown from a transactional boundary it rolls the transaction back.
 */
@ApplicationException(rollback = true)
public abstract class MandateException extends RuntimeException {

    private final ProblemType type;

    protected MandateException(ProblemType type, String detail) {
        super(detail);
        this.type = type;
    }

    public ProblemType type() {
        return type;
    }

    /** The human-readable explanation; safe to show to the caller (never carries secrets). */
    public String detail() {
        return getMessage();
    }
}

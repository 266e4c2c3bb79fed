package dev.mandate.decision.control;

import dev.mandate.platform.error.MandateException;
import dev.mandate.platform.error.ProblemType;

public class IdempotencyKeyRequiredException extends MandateException {

    public IdempotencyKeyRequiredException(String detail) {
        super(ProblemType.IDEMPOTENCY_KEY_REQUIRED, detail);
    }
}

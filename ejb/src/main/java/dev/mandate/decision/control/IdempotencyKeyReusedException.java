package dev.mandate.decision.control;

import dev.mandate.platform.error.MandateException;
import dev.mandate.platform.error.ProblemType;

public class IdempotencyKeyReusedException extends MandateException {

    public IdempotencyKeyReusedException(String detail) {
        super(ProblemType.IDEMPOTENCY_KEY_REUSED, detail);
    }
}

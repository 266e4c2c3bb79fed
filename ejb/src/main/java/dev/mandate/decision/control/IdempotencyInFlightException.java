package dev.mandate.decision.control;

import dev.mandate.platform.error.MandateException;
import dev.mandate.platform.error.ProblemType;

public class IdempotencyInFlightException extends MandateException {

    public IdempotencyInFlightException(String detail) {
        super(ProblemType.IDEMPOTENCY_IN_FLIGHT, detail);
    }
}

package dev.mandate.decision.control;

import dev.mandate.platform.error.MandateException;
import dev.mandate.platform.error.ProblemType;

public class AgentMismatchException extends MandateException {

    public AgentMismatchException(String detail) {
        super(ProblemType.AGENT_MISMATCH, detail);
    }
}

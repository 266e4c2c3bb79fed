package dev.mandate.platform.error;

public class AgentNotActiveException extends MandateException {

    public AgentNotActiveException(String detail) {
        super(ProblemType.AGENT_NOT_ACTIVE, detail);
    }
}

package dev.mandate.platform.error;

public class AccessDeniedException extends MandateException {

    public AccessDeniedException(String detail) {
        super(ProblemType.FORBIDDEN, detail);
    }
}

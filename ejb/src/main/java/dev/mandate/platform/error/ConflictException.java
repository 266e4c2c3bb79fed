package dev.mandate.platform.error;

public class ConflictException extends MandateException {

    public ConflictException(String detail) {
        super(ProblemType.CONFLICT, detail);
    }
}

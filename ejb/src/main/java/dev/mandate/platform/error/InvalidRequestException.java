package dev.mandate.platform.error;

import java.util.List;

/** The request is well-formed but breaks a rule Bean Validation cannot express (answered 400). */
public class InvalidRequestException extends MandateException {

    private final List<Violation> violations;

    public InvalidRequestException(String field, String message) {
        super(ProblemType.VALIDATION_FAILED, field + ": " + message);
        this.violations = List.of(new Violation(field, message));
    }

    public InvalidRequestException(List<Violation> violations) {
        super(ProblemType.VALIDATION_FAILED, violations.size() + " violation(s); see 'violations'");
        this.violations = List.copyOf(violations);
    }

    /** A rejection of another status (e.g. 422 for arguments that break their tool's schema). */
    public InvalidRequestException(ProblemType type, String detail, List<Violation> violations) {
        super(type, detail);
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}

package dev.mandate.policy.control;

/** A rule's expression does not compile; the message is the CEL compiler's. */
public class RuleCompileException extends RuntimeException {

    public RuleCompileException(String compilerMessage) {
        super(compilerMessage);
    }
}

package dev.mandate.audit.boundary;

import dev.mandate.platform.error.MandateException;
import dev.mandate.platform.error.ProblemType;

/** Checkpoints cannot be signed: no audit signing key is configured. */
public class SigningKeyUnavailableException extends MandateException {

    public SigningKeyUnavailableException() {
        super(
                ProblemType.UNAVAILABLE,
                "no audit signing key is configured (mandate.audit.signing-key-location): checkpoints cannot be sealed");
    }
}

package dev.mandate.api.http;

import dev.mandate.platform.error.MandateException;
import dev.mandate.platform.error.ProblemType;

/** A body within the byte limit whose content is still too large to keep (answered 413 {@code payload-too-large}). */
public class PayloadTooLargeException extends MandateException {

    public PayloadTooLargeException(String detail) {
        super(ProblemType.PAYLOAD_TOO_LARGE, detail);
    }
}

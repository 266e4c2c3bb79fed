package dev.mandate.api.json;

import dev.mandate.platform.error.MandateException;
import dev.mandate.platform.error.ProblemType;

/** The body is not JSON at all (answered 400 {@code malformed-json}). */
public class MalformedJsonException extends MandateException {

    public MalformedJsonException(String detail) {
        super(ProblemType.MALFORMED_JSON, detail);
    }
}

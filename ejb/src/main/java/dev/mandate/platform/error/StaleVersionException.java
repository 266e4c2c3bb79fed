package dev.mandate.platform.error;

/** The client's {@code If-Match} names a version that is no longer current (answered 412). */
public class StaleVersionException extends MandateException {

    /** A concurrent writer won the race between our read and our write. */
    public StaleVersionException(String kind, String id) {
        super(
                ProblemType.PRECONDITION_FAILED,
                kind + " '" + id + "' was changed concurrently: fetch it again and retry with the new ETag");
    }

    public StaleVersionException(String kind, String id, long current) {
        super(
                ProblemType.PRECONDITION_FAILED,
                kind + " '" + id + "' has changed (current version " + current
                        + "): fetch it again and retry with the new ETag");
    }
}

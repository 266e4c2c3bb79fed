package dev.mandate.platform.error;

/** A write without {@code If-Match}: optimistic concurrency is mandatory (answered 428). */
public class VersionRequiredException extends MandateException {

    public VersionRequiredException() {
        super(
                ProblemType.PRECONDITION_REQUIRED,
                "this write needs an If-Match header with the resource's current ETag");
    }
}

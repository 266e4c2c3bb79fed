package dev.mandate.platform.error;

/** The stable problem types (RFC 9457 {@code type}) Mandate answers with. Documented in the README. */
public enum ProblemType {
    BAD_REQUEST("bad-request", 400, "Bad request"),
    MALFORMED_JSON("malformed-json", 400, "Malformed JSON body"),
    VALIDATION_FAILED("validation-failed", 400, "Request validation failed"),
    UNAUTHENTICATED("unauthenticated", 401, "Authentication required"),
    FORBIDDEN("forbidden", 403, "Not allowed"),
    AGENT_NOT_ACTIVE("agent-not-active", 403, "Agent is not active"),
    NOT_FOUND("not-found", 404, "Resource not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", 406, "Not acceptable"),
    CONFLICT("conflict", 409, "Conflict"),
    PRECONDITION_FAILED("precondition-failed", 412, "Precondition failed"),
    PAYLOAD_TOO_LARGE("payload-too-large", 413, "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
    UNPROCESSABLE("unprocessable", 422, "Request cannot be processed"),
    IDEMPOTENCY_KEY_REQUIRED("idempotency-key-required", 400, "Idempotency-Key header required"),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", 422, "Idempotency-Key reused with a different request"),
    IDEMPOTENCY_IN_FLIGHT("idempotency-in-flight", 409, "A request with this Idempotency-Key is still in progress"),
    AGENT_MISMATCH("agent-mismatch", 403, "Envelope names another agent"),
    PRECONDITION_REQUIRED("precondition-required", 428, "Precondition required"),
    INTERNAL_ERROR("internal-error", 500, "Internal error"),
    UNAVAILABLE("unavailable", 503, "Service unavailable");

    public static final String URI_PREFIX = "urn:mandate:problem:";

    private final String slug;
    private final int status;
    private final String title;

    ProblemType(String slug, int status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    public String uri() {
        return URI_PREFIX + slug;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /**
     * The generic type for a bare HTTP status (container errors, JAX-RS WebApplicationExceptions): the
     * first declared with that status, so keep the generic one first.
     */
    public static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL_ERROR : BAD_REQUEST;
    }
}

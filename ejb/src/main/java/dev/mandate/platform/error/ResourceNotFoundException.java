package dev.mandate.platform.error;

/**
 * The resource does not exist in the caller's tenant. Ids of other tenants get exactly this answer,
 * so a caller cannot learn that they exist.
 */
public class ResourceNotFoundException extends MandateException {

    public ResourceNotFoundException(String kind, String id) {
        super(ProblemType.NOT_FOUND, kind + " '" + id + "' not found");
    }
}

package dev.mandate.api.problem;

import dev.mandate.platform.error.ProblemType;
import dev.mandate.platform.error.Violation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Every Bean Validation violation of a request, listed with the field it concerns. */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

    @Override
    public Response toResponse(ConstraintViolationException exception) {
        List<Violation> violations = exception.getConstraintViolations().stream()
                .map(v -> new Violation(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Violation::field).thenComparing(Violation::message))
                .toList();
        return Problems.of(
                ProblemType.VALIDATION_FAILED,
                violations.size() + " constraint violation(s); see 'violations'",
                violations);
    }

    /**
     * Turns {@code create.request.permissions[0].tool} into {@code permissions[0].tool}: the method and
     * parameter names mean nothing to a client. A whole-body violation is reported as {@code body}; a
     * query or path parameter by its name.
     */
    static String field(ConstraintViolation<?> violation) {
        List<String> segments = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (node.getKind() != ElementKind.PROPERTY && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                continue;
            }
            if (node.isInIterable() && !segments.isEmpty()) {
                Object position = node.getIndex() != null ? node.getIndex() : node.getKey();
                int last = segments.size() - 1;
                segments.set(last, segments.get(last) + "[" + position + "]");
            }
            if (node.getKind() == ElementKind.PROPERTY) {
                segments.add(node.getName());
            }
        }
        if (!segments.isEmpty()) {
            return String.join(".", segments);
        }
        return parameter == null || parameter.startsWith("arg") || parameter.equals("request") ? "body" : parameter;
    }
}

package dev.mandate.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.api.decision.EnvelopeRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RequestValidatorTest {

    private static final Validator VALIDATOR =
            RequestValidator.forRequestBodies(Validation.buildDefaultValidatorFactory());

    @Test
    void findsWhatTheDefaultValidatorFindsIncludingInNestedObjectsAndLists() {
        EnvelopeRequest request = new EnvelopeRequest();
        request.agentId = "a".repeat(37);
        request.taskId = "t";
        request.taskType = "task";
        request.requestedAction = new EnvelopeRequest.RequestedAction();
        request.requestedAction.tool = "Not A Key";
        request.requestedAction.action = "pay";
        request.evidence = java.util.Arrays.asList(new EnvelopeRequest.Evidence(), null);

        Set<String> found = paths(VALIDATOR.validate(request));

        assertThat(found)
                .containsExactlyInAnyOrder(
                        "agentId", "requestedAction.tool", "requestedAction.arguments", "evidence[1].<list element>")
                .isEqualTo(paths(
                        Validation.buildDefaultValidatorFactory().getValidator().validate(request)));
    }

    @Test
    void takesEveryPropertyAsReachableAndCascadable() {
        RequestValidator.PlainObjects resolver = new RequestValidator.PlainObjects();
        assertThat(resolver.isReachable(new Object(), null, Object.class, null, null))
                .isTrue();
        assertThat(resolver.isCascadable(List.of(), null, Object.class, null, null))
                .isTrue();
    }

    private static <T> Set<String> paths(Set<ConstraintViolation<T>> violations) {
        return violations.stream().map(v -> v.getPropertyPath().toString()).collect(Collectors.toSet());
    }
}

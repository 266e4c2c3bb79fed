package dev.mandate.api.http;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.lang.annotation.ElementType;
import java.util.Set;

/**
 * Bean Validation for request bodies, without asking the persistence provider about every property: with
 * JPA on the class path the default resolver asks whether each property of each validated object is
 * loaded (lazy entity state), which a request body, a plain object, never has. Measured: 2% of the
 * server's CPU on the decision path at 700 envelopes/s (BENCHMARKS.md).
 */
@ApplicationScoped
public class RequestValidator {

    @Inject
    ValidatorFactory factory;

    private Validator validator;

    @PostConstruct
    void build() {
        validator = forRequestBodies(factory);
    }

    /** A validator of {@code factory}'s that takes every property as reachable and cascadable. */
    public static Validator forRequestBodies(ValidatorFactory factory) {
        return factory.usingContext().traversableResolver(new PlainObjects()).getValidator();
    }

    public <T> Set<ConstraintViolation<T>> validate(T body) {
        return validator.validate(body);
    }

    /** Every property of a plain object is there to validate and to cascade into. */
    static final class PlainObjects implements TraversableResolver {

        @Override
        public boolean isReachable(
                Object traversableObject,
                Path.Node traversableProperty,
                Class<?> rootBeanType,
                Path pathToTraversableObject,
                ElementType elementType) {
            return true;
        }

        @Override
        public boolean isCascadable(
                Object traversableObject,
                Path.Node traversableProperty,
                Class<?> rootBeanType,
                Path pathToTraversableObject,
                ElementType elementType) {
            return true;
        }
    }
}

package dev.mandate.platform.query;

import java.util.Map;

/**
 * A JPQL condition with its named parameters, as a filter translator builds it: the condition text is
 * assembled only from fixed attribute paths and operators, every client value is a parameter.
 */
public record Criteria(String condition, Map<String, Object> parameters) {

    /** No condition: everything in the tenant. */
    public static final Criteria ALL = new Criteria(null, Map.of());

    public Criteria {
        parameters = Map.copyOf(parameters);
    }
}

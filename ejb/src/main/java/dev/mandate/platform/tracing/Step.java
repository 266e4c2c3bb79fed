package dev.mandate.platform.tracing;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/**
 * One traced step, closed when it ends (try-with-resources). With tracing off it is {@link #OFF}, which
 * does nothing; callers compute costly attribute values only when {@link #recording()}.
 */
public interface Step extends AutoCloseable {

    Step OFF = new Step() {};

    default boolean recording() {
        return false;
    }

    default Step set(AttributeKey<String> key, String value) {
        return this;
    }

    default Step set(AttributeKey<Long> key, long value) {
        return this;
    }

    default Step set(AttributeKey<Boolean> key, boolean value) {
        return this;
    }

    default Step setList(AttributeKey<List<String>> key, List<String> value) {
        return this;
    }

    /** Marks the step failed with a short, bounded kind of error (never a message: it may carry data). */
    default Step failed(String errorType) {
        return this;
    }

    /** The step as a W3C traceparent, for what continues it elsewhere; null when off. */
    default String traceparent() {
        return null;
    }

    /** The step's trace id; null when off. */
    default String traceId() {
        return null;
    }

    @Override
    default void close() {}
}

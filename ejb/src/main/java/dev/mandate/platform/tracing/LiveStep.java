package dev.mandate.platform.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.util.List;

/** A step with a span of its own (current on this thread until it is closed, or detached), or one borrowed. */
final class LiveStep implements Step {

    private final Span span;
    private final Scope scope;
    private final boolean ends;

    private LiveStep(Span span, Scope scope, boolean ends) {
        this.span = span;
        this.scope = scope;
        this.ends = ends;
    }

    static Step started(Span span) {
        return new LiveStep(span, span.makeCurrent(), true);
    }

    /** A span that is not current on any thread; closing it ends it, on whichever thread. */
    static Step detached(Span span) {
        return new LiveStep(span, null, true);
    }

    /** The span some caller started: attributes go on it, its end is the caller's. */
    static Step borrowed(Span span) {
        return new LiveStep(span, null, false);
    }

    Span span() {
        return span;
    }

    @Override
    public boolean recording() {
        return span.isRecording();
    }

    @Override
    public Step set(AttributeKey<String> key, String value) {
        if (value != null) {
            span.setAttribute(key, value);
        }
        return this;
    }

    @Override
    public Step set(AttributeKey<Long> key, long value) {
        span.setAttribute(key, value);
        return this;
    }

    @Override
    public Step set(AttributeKey<Boolean> key, boolean value) {
        span.setAttribute(key, value);
        return this;
    }

    @Override
    public Step setList(AttributeKey<List<String>> key, List<String> value) {
        if (value != null) {
            span.setAttribute(key, value);
        }
        return this;
    }

    @Override
    public Step failed(String errorType) {
        span.setAttribute(SpanAttributes.ERROR_TYPE, errorType);
        span.setStatus(StatusCode.ERROR);
        return this;
    }

    @Override
    public String traceparent() {
        return TraceParents.of(span.getSpanContext());
    }

    @Override
    public String traceId() {
        return span.getSpanContext().getTraceId();
    }

    @Override
    public void close() {
        if (scope != null) {
            scope.close();
        }
        if (ends) {
            span.end();
        }
    }
}

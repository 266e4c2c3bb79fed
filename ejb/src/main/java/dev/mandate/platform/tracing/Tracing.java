package dev.mandate.platform.tracing;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Mandate's spans, through the server's own OpenTelemetry (MicroProfile Telemetry: Payara configures it
 * per application from the standard {@code otel.*} settings). Off unless {@code otel.sdk.disabled=false},
 * read once at start like Payara does: then every step is {@link Step#OFF}, one shared object, and the
 * decision path allocates nothing for tracing.
 */
@ApplicationScoped
public class Tracing {

    /** The semantic conventions the attributes follow ({@link SpanAttributes}): pinned, they still change. */
    public static final String SCHEMA_URL = "https://opentelemetry.io/schemas/1.41.0";

    static final String ENABLED_KEY = "otel.sdk.disabled";

    private static final Logger LOG = Logger.getLogger(Tracing.class.getName());

    @Inject
    Instance<OpenTelemetry> telemetry;

    private boolean on;
    private Tracer tracer;

    public Tracing() {}

    /** Tracing on, with this tracer (tests). */
    Tracing(Tracer tracer) {
        this.tracer = tracer;
        this.on = true;
    }

    @PostConstruct
    void start() {
        boolean wanted = !ConfigProvider.getConfig()
                .getOptionalValue(ENABLED_KEY, Boolean.class)
                .orElse(true);
        if (!wanted) {
            return;
        }
        try {
            // the container's (MicroProfile Telemetry's producer); its global instance where CDI offers none
            OpenTelemetry container = telemetry.isResolvable()
                    ? telemetry.get()
                    : telemetry.stream().findFirst().orElseGet(GlobalOpenTelemetry::get);
            tracer = container
                    .tracerBuilder("dev.mandate")
                    .setSchemaUrl(SCHEMA_URL)
                    .build();
            on = true;
        } catch (RuntimeException unavailable) {
            LOG.log(
                    Level.WARNING,
                    "tracing asked for (otel.sdk.disabled=false) but the server offers no OpenTelemetry; off",
                    unavailable);
        }
    }

    public boolean on() {
        return on;
    }

    /** A step of the current work: a child of the current span, current itself until closed. */
    public Step start(String name) {
        if (!on) {
            return Step.OFF;
        }
        return LiveStep.started(tracer.spanBuilder(name).startSpan());
    }

    /**
     * A step that continues a trace recorded earlier ({@code parent}, a W3C traceparent; null: the current
     * span, if any) and points at other traces ({@code links}: work that happens later than what caused it,
     * such as a person's approval of an envelope decided an hour ago).
     */
    public Step start(String name, SpanKind kind, String parent, List<String> links) {
        if (!on) {
            return Step.OFF;
        }
        SpanBuilder builder = tracer.spanBuilder(name).setSpanKind(kind);
        SpanContext remote = TraceParents.parse(parent);
        if (remote != null) {
            builder.setParent(Context.root().with(Span.wrap(remote)));
        }
        for (String link : links) {
            SpanContext linked = TraceParents.parse(link);
            if (linked != null) {
                builder.addLink(linked);
            }
        }
        return LiveStep.started(builder.startSpan());
    }

    /**
     * The request's own server span, where the server made none (Payara's MicroProfile Telemetry traces
     * its JAX-RS requests only in some deployments): it continues the caller's {@code traceparent} or starts
     * a trace. Not current on this thread, as the request may end on another one (an asynchronous answer);
     * {@link Step#close()} ends it wherever it ends.
     */
    public Step request(String name, String traceparent) {
        if (!on || Span.current().getSpanContext().isValid()) {
            return Step.OFF;
        }
        SpanContext remote = TraceParents.parse(traceparent);
        return LiveStep.detached(tracer.spanBuilder(name)
                .setSpanKind(SpanKind.SERVER)
                .setParent(remote != null ? Context.root().with(Span.wrap(remote)) : Context.root())
                .startSpan());
    }

    /** A step under {@code parent} (a request's span, see {@link #request}), else under the current span. */
    public Step start(String name, Step parent) {
        if (!on) {
            return Step.OFF;
        }
        if (parent instanceof LiveStep live) {
            return LiveStep.started(tracer.spanBuilder(name)
                    .setParent(Context.current().with(live.span()))
                    .startSpan());
        }
        return start(name);
    }

    /**
     * The step a request starts with: a child of the request's span ({@code request}, see {@link #request}),
     * else of the server's own span for the request where there is one, else a server span of its own that
     * continues the caller's {@code traceparent} (or starts a trace).
     */
    public Step entry(String name, String traceparent, Step request) {
        if (request instanceof LiveStep) {
            return start(name, request);
        }
        return entry(name, traceparent);
    }

    /** {@link #entry(String, String, Step)} without a request span of Mandate's own. */
    public Step entry(String name, String traceparent) {
        if (!on) {
            return Step.OFF;
        }
        if (Span.current().getSpanContext().isValid()) {
            return start(name);
        }
        return start(name, SpanKind.SERVER, traceparent, List.of());
    }

    /** The current step, to describe: {@link Step#OFF} when off or where nothing is recorded. */
    public Step current() {
        if (!on) {
            return Step.OFF;
        }
        Span span = Span.current();
        return span.isRecording() ? LiveStep.borrowed(span) : Step.OFF;
    }

    /** The current span as a W3C traceparent, or null when tracing is off or there is none. */
    public String traceparent() {
        if (!on) {
            return null;
        }
        return TraceParents.of(Span.current().getSpanContext());
    }

    /** The trace id of the current span, or null when tracing is off or there is none. */
    public String traceId() {
        if (!on) {
            return null;
        }
        SpanContext current = Span.current().getSpanContext();
        return current.isValid() ? current.getTraceId() : null;
    }
}

package dev.mandate.platform.tracing;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** W3C Trace Context {@code traceparent} values (version 00), read and written. */
public final class TraceParents {

    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final SecureRandom RANDOM = new SecureRandom();

    private TraceParents() {}

    /** The remote span a valid traceparent names, or null (absent, malformed, all-zero ids). */
    public static SpanContext parse(String traceparent) {
        if (traceparent == null) {
            return null;
        }
        Matcher m = TRACEPARENT.matcher(traceparent.trim());
        if (!m.matches()) {
            return null;
        }
        SpanContext context = SpanContext.createFromRemoteParent(
                m.group(1), m.group(2), TraceFlags.fromHex(m.group(3), 0), TraceState.getDefault());
        return context.isValid() ? context : null;
    }

    /** The span as a traceparent, or null when it is not valid. */
    public static String of(SpanContext span) {
        if (!span.isValid()) {
            return null;
        }
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-"
                + span.getTraceFlags().asHex();
    }

    /**
     * What is sent downstream for a trace Mandate did not record a span of (tracing off): the trace id
     * with a span id of its own, so the tool's spans still join the envelope's trace.
     */
    public static String unrecorded(String traceId) {
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        return "00-" + traceId + "-" + HexFormat.of().formatHex(id) + "-01";
    }
}

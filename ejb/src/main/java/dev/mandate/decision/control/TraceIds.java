package dev.mandate.decision.control;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** W3C Trace Context: take the trace id of a valid {@code traceparent}, else start a new trace. */
public final class TraceIds {

    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final String INVALID_TRACE = "0".repeat(32);
    private static final SecureRandom RANDOM = new SecureRandom();

    private TraceIds() {}

    public static String from(String traceparent) {
        if (traceparent != null) {
            Matcher matcher = TRACEPARENT.matcher(traceparent.trim());
            if (matcher.matches()
                    && !matcher.group(1).equals(INVALID_TRACE)
                    && !matcher.group(2).equals("0".repeat(16))) {
                return matcher.group(1);
            }
        }
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }
}

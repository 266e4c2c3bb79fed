package dev.mandate.catalog.control;

import java.util.Optional;

/**
 * The placeholders of a connector's templates: {@code {/json/pointer}} (a value of the arguments),
 * {@code {idempotencyKey}} and {@code {envelopeId}}. There is no escape: a brace is always a placeholder's.
 */
public final class ConnectorTemplates {

    public static final String IDEMPOTENCY_KEY = "idempotencyKey";
    public static final String ENVELOPE_ID = "envelopeId";
    static final String KNOWN = "{/json/pointer}, {" + IDEMPOTENCY_KEY + "} or {" + ENVELOPE_ID + "}";

    private ConnectorTemplates() {}

    /** What is wrong with the template's placeholders; empty when every one is well formed. */
    public static Optional<String> problem(String template) {
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '}') {
                return Optional.of("has a '}' that closes no placeholder (placeholders are " + KNOWN + ")");
            }
            if (c != '{') {
                i++;
                continue;
            }
            int end = template.indexOf('}', i + 1);
            if (end < 0) {
                return Optional.of("has a '{' that is never closed (placeholders are " + KNOWN + ")");
            }
            String inside = template.substring(i + 1, end);
            if (!isPlaceholder(inside)) {
                return Optional.of("has a placeholder that is none of " + KNOWN
                        + " (a JSON Pointer escapes '~' as ~0 and '/' as ~1)");
            }
            i = end + 1;
        }
        return Optional.empty();
    }

    /** A well-formed template with every placeholder replaced by a sample value, for reading the rest. */
    public static String withoutPlaceholders(String template) {
        return withSamples(template, "x");
    }

    /** The template with every placeholder replaced by {@code sample}, for syntax checks of the rest. */
    static String withSamples(String template, String sample) {
        StringBuilder text = new StringBuilder(template.length());
        int i = 0;
        while (i < template.length()) {
            int start = template.indexOf('{', i);
            int end = start < 0 ? -1 : template.indexOf('}', start);
            if (end < 0) {
                text.append(template, i, template.length());
                break;
            }
            text.append(template, i, start).append(sample);
            i = end + 1;
        }
        return text.toString();
    }

    private static boolean isPlaceholder(String inside) {
        if (inside.equals(IDEMPOTENCY_KEY) || inside.equals(ENVELOPE_ID)) {
            return true;
        }
        return inside.startsWith("/") && inside.indexOf('{') < 0 && isPointer(inside);
    }

    /** RFC 6901: empty, or '/'-separated tokens in which '~' is only ever ~0 or ~1. */
    public static boolean isPointer(String pointer) {
        if (pointer.isEmpty()) {
            return true;
        }
        if (pointer.charAt(0) != '/') {
            return false;
        }
        for (int i = 0; i < pointer.length(); i++) {
            if (pointer.charAt(i) == '~') {
                if (i + 1 >= pointer.length() || (pointer.charAt(i + 1) != '0' && pointer.charAt(i + 1) != '1')) {
                    return false;
                }
            }
        }
        return true;
    }
}

package dev.mandate.it.execution;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request as a stub server received it, so a test can check what Mandate sent.
 *
 * @param method the HTTP method
 * @param path the path, without the query
 * @param query the raw query, null for none
 * @param headers every header, names in lower case
 * @param body the body as text (UTF-8), empty for none
 */
public record RecordedRequest(
        String method, String path, String query, Map<String, List<String>> headers, String body) {

    /** The first value of the header, null when absent; the name in any case. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String idempotencyKey() {
        return header("Idempotency-Key");
    }
}

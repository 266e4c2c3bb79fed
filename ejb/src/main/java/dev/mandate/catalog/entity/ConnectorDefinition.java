package dev.mandate.catalog.entity;

import java.math.BigDecimal;
import java.util.Map;

/**
 * How Mandate carries out a tool action: one HTTP(S) request built from the validated arguments, the
 * credential it carries (by reference, resolved on the server), how to read the answer, and how the
 * call may be retried, probed, waited for, cached and priced. Configuration, not code: a new
 * integration is a connector on a tool action.
 *
 * <p>Templates: in {@code url}, {@code statusProbe.url}, header values and the strings of {@code
 * bodyTemplate}, {@code {/json/pointer}} stands for the value at that JSON Pointer in the arguments (in a
 * URL, percent-encoded; a body string that is exactly one placeholder takes the value with its JSON
 * type), {@code {idempotencyKey}} and {@code {envelopeId}} for the execution's own.
 *
 * @param method GET, POST, PUT, PATCH or DELETE
 * @param url http(s) URL template
 * @param headers static headers (never secrets: those come from {@code credential})
 * @param bodyTemplate JSON text of the body template; null sends the arguments as they are (none for GET)
 * @param credential the credential the request carries; null for none
 * @param resultPointer JSON Pointer of the result in the tool's answer; empty for the whole answer
 * @param maxResultBytes a longer answer is not kept (the outcome stands, the result is marked truncated)
 * @param timeoutMillis how long one attempt may take, connecting included
 * @param retrySafe the tool honours {@code Idempotency-Key}: an attempt may be sent again after a timeout,
 *     a reset or a 5xx without a second effect
 * @param maxAttempts attempts at most, the first included
 * @param statusProbe how to ask the tool what became of an earlier attempt, by idempotency key; null if
 *     it cannot be asked
 * @param syncWaitMillis how long the envelope's answer waits for the outcome before it answers 202
 * @param cacheTtlSeconds read-only actions: how long a result is served again for the same arguments; 0
 *     for never
 * @param pricePerCall what one call costs, every attempt metered, in the tenant's budget currency
 * @param maxConcurrent calls to this tool at once from one server (its bulkhead)
 */
public record ConnectorDefinition(
        String method,
        String url,
        Map<String, String> headers,
        String bodyTemplate,
        CredentialReference credential,
        String resultPointer,
        int maxResultBytes,
        int timeoutMillis,
        boolean retrySafe,
        int maxAttempts,
        StatusProbe statusProbe,
        int syncWaitMillis,
        int cacheTtlSeconds,
        BigDecimal pricePerCall,
        int maxConcurrent) {

    /** How to ask the tool about an earlier attempt: 2xx means applied (its body the result), 404 not. */
    public record StatusProbe(String method, String url) {}
}

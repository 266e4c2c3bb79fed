package dev.mandate.catalog.control;

import dev.mandate.catalog.entity.ConnectorDefinition;
import dev.mandate.catalog.entity.ConnectorDefinition.StatusProbe;
import dev.mandate.catalog.entity.CredentialReference;
import dev.mandate.catalog.entity.CredentialReference.CredentialKind;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** A valid connector of every member set, to change one member of. */
public final class ConnectorFixtures {

    private ConnectorFixtures() {}

    public static ConnectorDefinition full() {
        return new ConnectorDefinition(
                "POST",
                "https://erp.example.com/api/invoices/{/invoice/id}/pay?ref={idempotencyKey}",
                Map.of("Accept", "application/json", "X-Envelope", "{envelopeId}"),
                "{\"amount\":\"{/amount}\",\"note\":\"paid by Mandate\",\"lines\":[1,2]}",
                new CredentialReference(
                        "erp-client",
                        CredentialKind.OAUTH2_CLIENT_CREDENTIALS,
                        null,
                        "https://login.example.com/oauth2/token",
                        List.of("invoices.pay", "invoices:read"),
                        true),
                "/result",
                65_536,
                5_000,
                true,
                3,
                new StatusProbe("GET", "https://erp.example.com/api/payments/{idempotencyKey}"),
                1_000,
                0,
                new BigDecimal("0.0125"),
                8);
    }

    public static ConnectorDefinition minimal() {
        return new ConnectorDefinition(
                "GET",
                "http://tickets.internal:8080/tickets",
                Map.of(),
                null,
                null,
                ConnectorRules.DEFAULT_RESULT_POINTER,
                ConnectorRules.DEFAULT_MAX_RESULT_BYTES,
                ConnectorRules.DEFAULT_TIMEOUT_MILLIS,
                false,
                ConnectorRules.DEFAULT_ATTEMPTS,
                null,
                ConnectorRules.DEFAULT_SYNC_WAIT_MILLIS,
                ConnectorRules.DEFAULT_CACHE_TTL_SECONDS,
                ConnectorRules.DEFAULT_PRICE_PER_CALL,
                ConnectorRules.DEFAULT_MAX_CONCURRENT);
    }

    /** A copy of a connector to change members of. */
    public static final class Builder {
        public String method;
        public String url;
        public Map<String, String> headers;
        public String body;
        public CredentialReference credential;
        public String resultPointer;
        public int maxResultBytes;
        public int timeoutMillis;
        public boolean retrySafe;
        public int maxAttempts;
        public StatusProbe statusProbe;
        public int syncWaitMillis;
        public int cacheTtlSeconds;
        public BigDecimal pricePerCall;
        public int maxConcurrent;

        public Builder(ConnectorDefinition c) {
            method = c.method();
            url = c.url();
            headers = c.headers();
            body = c.bodyTemplate();
            credential = c.credential();
            resultPointer = c.resultPointer();
            maxResultBytes = c.maxResultBytes();
            timeoutMillis = c.timeoutMillis();
            retrySafe = c.retrySafe();
            maxAttempts = c.maxAttempts();
            statusProbe = c.statusProbe();
            syncWaitMillis = c.syncWaitMillis();
            cacheTtlSeconds = c.cacheTtlSeconds();
            pricePerCall = c.pricePerCall();
            maxConcurrent = c.maxConcurrent();
        }

        public ConnectorDefinition build() {
            return new ConnectorDefinition(
                    method,
                    url,
                    headers,
                    body,
                    credential,
                    resultPointer,
                    maxResultBytes,
                    timeoutMillis,
                    retrySafe,
                    maxAttempts,
                    statusProbe,
                    syncWaitMillis,
                    cacheTtlSeconds,
                    pricePerCall,
                    maxConcurrent);
        }
    }
}

package dev.mandate.demo.boundary;

import dev.mandate.catalog.entity.ConnectorDefinition;
import dev.mandate.catalog.entity.ConnectorDefinition.StatusProbe;
import dev.mandate.catalog.entity.CredentialReference;
import dev.mandate.catalog.entity.CredentialReference.CredentialKind;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * How the demo tenant's tool actions are carried out: against the demo's stand-in tools under {@value
 * #PATH} of this server (served only in demo mode), which play a service desk, a knowledge base and an
 * ERP. One connector of each kind the walk-through shows: reads with a cache, writes that may be sent
 * again because the tool honours idempotency keys and can be asked by key (the payment among them),
 * and writes that are sent once.
 */
public final class DemoConnectors {

    /** Where the stand-in tools live on the server, below the configured base URL. */
    public static final String PATH = "/demo-tools";

    /** The demo ERP's credential: an API key in {@value #API_KEY_HEADER}. */
    public static final String ERP_CREDENTIAL = "demo-erp";

    public static final String API_KEY_HEADER = "X-Api-Key";

    private static final int MAX_RESULT_BYTES = 65_536;
    private static final int TIMEOUT_MILLIS = 2_000;
    private static final int SYNC_WAIT_MILLIS = 3_000;
    private static final int MAX_CONCURRENT = 4;
    private static final BigDecimal READ_PRICE = BigDecimal.ZERO;
    private static final BigDecimal WRITE_PRICE = new BigDecimal("0.01");

    private final String base;

    /** Connectors for stand-ins at {@code baseUrl} (e.g. {@code http://127.0.0.1:8080}). */
    public DemoConnectors(String baseUrl) {
        this.base = (baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl) + PATH;
    }

    /** The MicroProfile Config key of the demo ERP's API key for a tenant. */
    public static String erpKeySetting(String tenant) {
        return "mandate.credentials." + tenant + "." + ERP_CREDENTIAL + ".key";
    }

    public ConnectorDefinition readTicket() {
        return read("/ticketing/tickets/{/ticketId}", null, 30);
    }

    /** Honours keys and can be asked: sent again after a timeout, a cut connection or a 5xx. */
    public ConnectorDefinition setPriority() {
        return retrySafe("PUT", "/ticketing/tickets/{/ticketId}/priority", "{\"priority\":\"{/priority}\"}", null);
    }

    /** A message to a customer is sent once; after an unclear outcome the tool is asked, never resent. */
    public ConnectorDefinition reply() {
        return once(
                "POST",
                "/ticketing/tickets/{/ticketId}/replies",
                "{\"to\":\"{/to}\",\"body\":\"{/body}\"}",
                probe("ticketing"),
                null);
    }

    public ConnectorDefinition searchKnowledgeBase() {
        return read("/kb/search?q={/query}", null, 300);
    }

    public ConnectorDefinition readInvoice() {
        return read("/erp/invoices/{/invoiceId}", erpKey(), 60);
    }

    /** Sent once, and the ERP cannot be asked about a match: an unclear outcome stays for a person. */
    public ConnectorDefinition matchPurchaseOrder() {
        return once("POST", "/erp/invoices/{/invoiceId}/matches", "{\"poId\":\"{/poId}\"}", null, erpKey());
    }

    /** The payment: the ERP honours keys and can be asked, so an attempt may go again; paid once. */
    public ConnectorDefinition payInvoice() {
        return retrySafe(
                "POST",
                "/erp/payments",
                "{\"invoiceId\":\"{/invoiceId}\",\"amount\":\"{/amount}\",\"currency\":\"{/currency}\"}",
                erpKey());
    }

    private ConnectorDefinition read(String path, CredentialReference credential, int cacheTtlSeconds) {
        return new ConnectorDefinition(
                "GET",
                base + path,
                Map.of(),
                null,
                credential,
                "",
                MAX_RESULT_BYTES,
                TIMEOUT_MILLIS,
                true,
                2,
                null,
                SYNC_WAIT_MILLIS,
                cacheTtlSeconds,
                READ_PRICE,
                MAX_CONCURRENT);
    }

    private ConnectorDefinition retrySafe(String method, String path, String body, CredentialReference credential) {
        return new ConnectorDefinition(
                method,
                base + path,
                Map.of(),
                body,
                credential,
                "",
                MAX_RESULT_BYTES,
                TIMEOUT_MILLIS,
                true,
                3,
                probe(path.substring(1, path.indexOf('/', 1))),
                SYNC_WAIT_MILLIS,
                0,
                WRITE_PRICE,
                MAX_CONCURRENT);
    }

    private ConnectorDefinition once(
            String method, String path, String body, StatusProbe probe, CredentialReference credential) {
        return new ConnectorDefinition(
                method,
                base + path,
                Map.of(),
                body,
                credential,
                "",
                MAX_RESULT_BYTES,
                TIMEOUT_MILLIS,
                false,
                1,
                probe,
                SYNC_WAIT_MILLIS,
                0,
                WRITE_PRICE,
                MAX_CONCURRENT);
    }

    private StatusProbe probe(String tool) {
        return new StatusProbe("GET", base + "/" + tool + "/by-key/{idempotencyKey}");
    }

    private static CredentialReference erpKey() {
        return new CredentialReference(ERP_CREDENTIAL, CredentialKind.API_KEY, API_KEY_HEADER, null, List.of(), false);
    }
}

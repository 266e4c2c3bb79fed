package dev.mandate.demo.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.catalog.entity.ConnectorDefinition;
import dev.mandate.catalog.entity.CredentialReference.CredentialKind;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DemoConnectorsTest {

    private final DemoConnectors connectors = new DemoConnectors("http://127.0.0.1:8080/");

    private List<ConnectorDefinition> all() {
        return List.of(
                connectors.readTicket(),
                connectors.setPriority(),
                connectors.reply(),
                connectors.searchKnowledgeBase(),
                connectors.readInvoice(),
                connectors.matchPurchaseOrder(),
                connectors.payInvoice());
    }

    @Test
    void everyConnectorCallsTheStandInsOfThisServer() {
        assertThat(all())
                .allSatisfy(c -> assertThat(c.url()).startsWith("http://127.0.0.1:8080/demo-tools/"))
                .allSatisfy(c -> assertThat(c.method()).isIn(Set.of("GET", "POST", "PUT", "PATCH", "DELETE")))
                .allSatisfy(c -> assertThat(c.timeoutMillis()).isPositive().isLessThan(c.syncWaitMillis()))
                .allSatisfy(c -> assertThat(c.maxAttempts()).isPositive())
                .allSatisfy(c -> assertThat(c.pricePerCall()).isNotNegative());
    }

    @Test
    void onlyWhatMaySafelyGoAgainIsAttemptedMoreThanOnce() {
        assertThat(all()).filteredOn(c -> !c.retrySafe()).allSatisfy(c -> assertThat(c.maxAttempts())
                .isEqualTo(1));
        assertThat(all()).filteredOn(c -> c.statusProbe() != null).allSatisfy(c -> assertThat(
                        c.statusProbe().url())
                .startsWith("http://127.0.0.1:8080/demo-tools/")
                .endsWith("/by-key/{idempotencyKey}"));
    }

    @Test
    void readsAreCachedAndSendNoBody() {
        assertThat(all()).filteredOn(c -> c.method().equals("GET")).allSatisfy(c -> {
            assertThat(c.bodyTemplate()).isNull();
            assertThat(c.cacheTtlSeconds()).isPositive();
        });
        assertThat(all()).filteredOn(c -> !c.method().equals("GET")).allSatisfy(c -> assertThat(c.cacheTtlSeconds())
                .isZero());
    }

    @Test
    void thePaymentMayGoAgainBecauseTheErpCanBeAskedByKeyAndCarriesItsApiKey() {
        ConnectorDefinition payment = connectors.payInvoice();

        assertThat(payment.retrySafe()).isTrue();
        assertThat(payment.statusProbe().url())
                .isEqualTo("http://127.0.0.1:8080/demo-tools/erp/by-key/{idempotencyKey}");
        assertThat(payment.bodyTemplate()).contains("\"amount\":\"{/amount}\"");
        assertThat(payment.credential().name()).isEqualTo("demo-erp");
        assertThat(payment.credential().kind()).isEqualTo(CredentialKind.API_KEY);
        assertThat(payment.credential().header()).isEqualTo("X-Api-Key");
        assertThat(DemoConnectors.erpKeySetting("demo")).isEqualTo("mandate.credentials.demo.demo-erp.key");
    }

    @Test
    void aMatchIsSentOnceAndCannotBeAsked() {
        assertThat(connectors.matchPurchaseOrder().retrySafe()).isFalse();
        assertThat(connectors.matchPurchaseOrder().statusProbe()).isNull();
    }
}

package dev.mandate.api.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mandate.api.json.Readers;
import dev.mandate.catalog.entity.ConnectorDefinition;
import dev.mandate.catalog.entity.CredentialReference;
import dev.mandate.catalog.entity.CredentialReference.CredentialKind;
import dev.mandate.platform.error.InvalidRequestException;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolRequestTest {

    private static String tool(String connector) {
        return """
                {"key":"erp","name":"ERP","actions":[{"key":"pay","riskClass":"MONEY_MOVEMENT",
                 "argumentSchema":{"type":"object"},"connector":%s}]}""".formatted(connector);
    }

    private static ConnectorDefinition connector(String json) {
        return Readers.read(tool(json), ToolRequest.class)
                .toDefinition()
                .actions()
                .get(0)
                .connector();
    }

    @Test
    void absentMembersTakeTheirDefaults() {
        ConnectorDefinition c = connector("{\"method\":\"POST\",\"url\":\"https://erp.example.com/pay\"}");
        assertThat(c.headers()).isEmpty();
        assertThat(c.bodyTemplate()).isNull();
        assertThat(c.credential()).isNull();
        assertThat(c.resultPointer()).isEmpty();
        assertThat(c.maxResultBytes()).isEqualTo(1 << 20);
        assertThat(c.timeoutMillis()).isEqualTo(10_000);
        assertThat(c.retrySafe()).isFalse();
        assertThat(c.maxAttempts()).isEqualTo(1);
        assertThat(c.statusProbe()).isNull();
        assertThat(c.syncWaitMillis()).isEqualTo(2_000);
        assertThat(c.cacheTtlSeconds()).isZero();
        assertThat(c.pricePerCall()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(c.maxConcurrent()).isEqualTo(16);
    }

    @Test
    void aRetrySafeToolIsTriedThreeTimesUnlessToldOtherwise() {
        assertThat(connector("{\"method\":\"POST\",\"url\":\"https://e.example.com/\",\"retrySafe\":true}")
                        .maxAttempts())
                .isEqualTo(3);
        assertThat(connector(
                                "{\"method\":\"POST\",\"url\":\"https://e.example.com/\",\"retrySafe\":true,\"maxAttempts\":5}")
                        .maxAttempts())
                .isEqualTo(5);
    }

    @Test
    void everyMemberIsBound() {
        ConnectorDefinition c = connector("""
                {"method":"PUT","url":"https://e.example.com/{/id}","headers":{"Accept":"application/json"},
                 "body":{"amount":"{/amount}","n":[1,2]},
                 "credential":{"name":"erp","kind":"OAUTH2_CLIENT_CREDENTIALS","tokenUrl":"https://l.example.com/t",
                               "scopes":["pay"],"perPerson":true},
                 "resultPointer":"/r","maxResultBytes":100,"timeoutMillis":200,"retrySafe":true,"maxAttempts":2,
                 "statusProbe":{"method":"GET","url":"https://e.example.com/s/{idempotencyKey}"},
                 "syncWaitMillis":0,"cacheTtlSeconds":0,"pricePerCall":0.50,"maxConcurrent":4}""");
        assertThat(c.headers()).containsEntry("Accept", "application/json");
        assertThat(c.bodyTemplate()).isEqualTo("{\"amount\":\"{/amount}\",\"n\":[1,2]}");
        assertThat(c.credential())
                .isEqualTo(new CredentialReference(
                        "erp",
                        CredentialKind.OAUTH2_CLIENT_CREDENTIALS,
                        null,
                        "https://l.example.com/t",
                        List.of("pay"),
                        true));
        assertThat(c.pricePerCall()).isEqualTo(new BigDecimal("0.5"));
        assertThat(c.statusProbe().url()).isEqualTo("https://e.example.com/s/{idempotencyKey}");
        assertThat(List.of(c.maxResultBytes(), c.timeoutMillis(), c.maxAttempts(), c.maxConcurrent()))
                .containsExactly(100, 200, 2, 4);
    }

    @Test
    void aNumberBeyondAnIntStaysOutOfItsRange() {
        ConnectorDefinition c =
                connector("{\"method\":\"GET\",\"url\":\"https://e.example.com/\",\"timeoutMillis\":9007199254740991,"
                        + "\"syncWaitMillis\":-9007199254740991}");
        assertThat(c.timeoutMillis()).isEqualTo(Integer.MAX_VALUE);
        assertThat(c.syncWaitMillis()).isEqualTo(Integer.MIN_VALUE);
    }

    @Test
    void aHeaderValueMustBeAString() {
        ToolRequest request = Readers.read(
                tool("{\"method\":\"GET\",\"url\":\"https://e.example.com/\",\"headers\":{\"X-N\":5}}"),
                ToolRequest.class);
        assertThatThrownBy(request::toDefinition)
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .singleElement()
                        .satisfies(v -> assertThat(v.field()).isEqualTo("actions[0].connector.headers.X-N")));
    }

    @Test
    void unknownMembersAndWrongTypesAreRefusedWithTheirPaths() {
        assertThatThrownBy(() -> Readers.read(
                        tool("{\"method\":\"GET\",\"url\":\"https://e.example.com/\",\"secret\":\"x\","
                                + "\"credential\":{\"name\":\"a\",\"kind\":\"PASSWORD\",\"value\":\"s\"},"
                                + "\"timeoutMillis\":1.5}"),
                        ToolRequest.class))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.field())
                        .containsExactlyInAnyOrder(
                                "actions[0].connector.secret",
                                "actions[0].connector.credential.kind",
                                "actions[0].connector.credential.value",
                                "actions[0].connector.timeoutMillis"));
    }
}

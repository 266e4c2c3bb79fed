package dev.mandate.catalog.entity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.catalog.control.ConnectorFixtures;
import org.junit.jupiter.api.Test;

class ConnectorJsonTest {

    @Test
    void aConnectorReadsBackAsItWasWritten() {
        ConnectorDefinition full = ConnectorFixtures.full();
        assertThat(ConnectorJson.fromText(ConnectorJson.text(full))).isEqualTo(full);
        ConnectorDefinition minimal = ConnectorFixtures.minimal();
        assertThat(ConnectorJson.fromText(ConnectorJson.text(minimal))).isEqualTo(minimal);
    }

    @Test
    void theBodyTemplateIsTheJsonValueBodyAndTheCredentialAReference() {
        var json = ConnectorJson.toJson(ConnectorFixtures.full());
        assertThat(json.getJsonObject("body").getString("amount")).isEqualTo("{/amount}");
        assertThat(json.getJsonObject("credential").keySet())
                .containsExactlyInAnyOrder("name", "kind", "tokenUrl", "scopes", "perPerson");
        assertThat(json.keySet()).doesNotContain("bodyTemplate");
    }

    @Test
    void everyDefaultIsWrittenOut() {
        var json = ConnectorJson.toJson(ConnectorFixtures.minimal());
        assertThat(json.keySet())
                .containsExactly(
                        "method",
                        "url",
                        "headers",
                        "resultPointer",
                        "maxResultBytes",
                        "timeoutMillis",
                        "retrySafe",
                        "maxAttempts",
                        "syncWaitMillis",
                        "cacheTtlSeconds",
                        "pricePerCall",
                        "maxConcurrent");
    }

    @Test
    void noConnectorIsNoText() {
        assertThat(ConnectorJson.text(null)).isNull();
        assertThat(ConnectorJson.fromText(null)).isNull();
    }
}

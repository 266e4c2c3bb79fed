package dev.mandate.catalog.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.catalog.control.ConnectorFixtures;
import dev.mandate.catalog.entity.RiskClass;
import dev.mandate.catalog.entity.Tool;
import dev.mandate.catalog.entity.ToolActionDefinition;
import dev.mandate.catalog.entity.ToolDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolsSummaryTest {

    @Test
    void theAuditSaysWhereCallsGoAndWithWhichCredentialButNoPathQueryOrHeader() {
        var builder = new ConnectorFixtures.Builder(ConnectorFixtures.full());
        builder.url = "https://erp.example.com:8443/hooks/T0001/s3cr3t-path?token=s3cr3t-query";
        builder.headers = java.util.Map.of("X-Static", "s3cr3t-header");
        Tool tool = new Tool(
                "acme",
                new ToolDefinition(
                        "erp",
                        "ERP",
                        null,
                        List.of(
                                new ToolActionDefinition("pay", RiskClass.MONEY_MOVEMENT, "{}", null, builder.build()),
                                new ToolActionDefinition("read", RiskClass.READ, "{}", null))),
                "admin");

        String summary = Tools.summary(tool);

        assertThat(summary)
                .isEqualTo("erp [pay=MONEY_MOVEMENT via POST https://erp.example.com:8443 with"
                        + " OAUTH2_CLIENT_CREDENTIALS erp-client, read=READ]")
                .doesNotContain("s3cr3t");
    }
}

package dev.mandate.catalog.entity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.catalog.control.ConnectorFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolTest {

    @Test
    void aReplacementChangesTheActionsThatStayInPlaceDropsTheOthersAndAddsTheNew() {
        Tool tool = new Tool(
                "acme",
                new ToolDefinition(
                        "erp",
                        "ERP",
                        null,
                        List.of(
                                new ToolActionDefinition("pay", RiskClass.WRITE, "{}", null),
                                new ToolActionDefinition("void", RiskClass.DELETION, "{}", null))),
                "admin");
        ToolAction pay = tool.action("pay").orElseThrow();

        tool.apply(
                new ToolDefinition(
                        "erp",
                        "ERP",
                        null,
                        List.of(
                                new ToolActionDefinition("read", RiskClass.READ, "{}", null),
                                new ToolActionDefinition(
                                        "pay",
                                        RiskClass.MONEY_MOVEMENT,
                                        "{\"type\":\"object\"}",
                                        "Pays",
                                        ConnectorFixtures.full()))),
                "admin");

        assertThat(tool.action("pay")).containsSame(pay);
        assertThat(tool.action("void")).isEmpty();
        assertThat(tool.definition().actions())
                .containsExactly(
                        new ToolActionDefinition(
                                "pay",
                                RiskClass.MONEY_MOVEMENT,
                                "{\"type\":\"object\"}",
                                "Pays",
                                ConnectorFixtures.full()),
                        new ToolActionDefinition("read", RiskClass.READ, "{}", null));
    }
}

package dev.mandate.jobs.census.entity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.agent.control.AgentRoster.Entry;
import dev.mandate.agent.entity.AgentStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CensusTest {

    @Test
    void countsAgentsByStatusWithEveryStatusPresent() {
        Census census = Census.of(List.of(
                new Entry("a1", AgentStatus.ACTIVE),
                new Entry("a2", AgentStatus.SUSPENDED),
                new Entry("a3", AgentStatus.ACTIVE)));

        assertThat(census.count(AgentStatus.ACTIVE)).isEqualTo(2);
        assertThat(census.count(AgentStatus.SUSPENDED)).isEqualTo(1);
        assertThat(census.count(AgentStatus.DEPROVISIONED)).isZero();
        assertThat(census.total()).isEqualTo(3);
    }

    @Test
    void theSummaryNamesEveryStatusInTheEnumsOrder() {
        Census census = new Census(Map.of(AgentStatus.DEPROVISIONED, 2L, AgentStatus.ACTIVE, 20L));

        assertThat(census.summary()).isEqualTo("ACTIVE=20 SUSPENDED=0 DEPROVISIONED=2");
        assertThat(Census.of(List.of()).summary()).isEqualTo("ACTIVE=0 SUSPENDED=0 DEPROVISIONED=0");
    }
}

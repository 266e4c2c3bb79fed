package dev.mandate.decision.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RateWindowsTest {

    @Test
    void bucketsStartAtMultiplesOfTheirSpan() {
        assertThat(RateWindows.bucket(1_000_003, 5)).isEqualTo(1_000_000);
        assertThat(RateWindows.bucket(1_000_005, 5)).isEqualTo(1_000_005);
        assertThat(RateWindows.bucket(1_000_059, 60)).isEqualTo(1_000_020);
        assertThat(RateWindows.bucket(-1, 5)).isEqualTo(-5);
    }

    @Test
    void windowsStartAtTheBucketHoldingTheirFirstInstantSoTheyNeverCountLess() {
        long now = 1_000_003;
        // the minute starts at 999_943, inside the 5-second bucket 999_940
        assertThat(RateWindows.minuteFrom(now)).isEqualTo(999_940);
        assertThat(now - RateWindows.minuteFrom(now)).isBetween(60L, 65L);
        // the hour starts at 996_403, inside the 1-minute bucket 996_360
        assertThat(RateWindows.hourFrom(now)).isEqualTo(996_360);
        assertThat(now - RateWindows.hourFrom(now)).isBetween(3600L, 3660L);
    }

    @Test
    void countersSumEveryToolForTheAgentAndOneToolForTheAgentTool() {
        var counters = RateWindows.counters(
                List.of(
                        new RateWindows.Sum(5, "erp", 3),
                        new RateWindows.Sum(5, "crm", 2),
                        new RateWindows.Sum(60, "erp", 40),
                        new RateWindows.Sum(60, "crm", 7)),
                "erp");
        assertThat(counters)
                .containsEntry("agent_minute", 5L)
                .containsEntry("agent_hour", 47L)
                .containsEntry("agent_tool_hour", 40L);
        assertThat(RateWindows.counters(List.of(), "erp"))
                .containsEntry("agent_minute", 0L)
                .containsEntry("agent_hour", 0L)
                .containsEntry("agent_tool_hour", 0L);
    }
}

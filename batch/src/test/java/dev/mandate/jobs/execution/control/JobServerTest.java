package dev.mandate.jobs.execution.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobServerTest {

    @Test
    void aServerIsItsInstanceOnItsHostAndItsEarlierLivesShareThat() {
        assertThat(JobServer.prefix("server", "4242@db-host-1")).isEqualTo("server@db-host-1/");
        assertThat(JobServer.prefix("inst2", "nohost")).isEqualTo("inst2@nohost/");
        assertThat(JobServer.prefix("i".repeat(300), "1@h"))
                .hasSize(JobServer.MAX_ID_CHARS - 8)
                .endsWith("/");

        JobServer server = new JobServer();
        String earlier = server.id().substring(0, server.id().lastIndexOf('/') + 1) + "0badc0de";
        assertThat(server.isEarlierLifeOfThisServer(earlier)).isTrue();
        assertThat(server.isEarlierLifeOfThisServer(server.id())).isFalse();
        assertThat(server.isEarlierLifeOfThisServer("other@elsewhere/12345678")).isFalse();
        assertThat(server.id()).hasSizeLessThanOrEqualTo(JobServer.MAX_ID_CHARS);
    }

    @Test
    void theExitStatusOfARecoveredExecutionSaysWhyWithinTheRepositorysColumn() {
        StuckExecutions.Stuck stuck = new StuckExecutions.Stuck(
                7, "acme", "agent-census", "server@h/" + "x".repeat(600), Instant.parse("2026-12-03T02:00:00Z"));

        String status = StuckExecutions.exitStatus(stuck);

        assertThat(status).startsWith("FAILED: server server@h/").hasSize(StuckExecutions.MAX_EXIT_STATUS_CHARS);
        assertThat(StuckExecutions.exitStatus(new StuckExecutions.Stuck(
                        7, "acme", "agent-census", "s@h/1", Instant.parse("2026-12-03T02:00:00Z"))))
                .isEqualTo("FAILED: server s@h/1 stopped while it ran this execution (last seen 2026-12-03T02:00:00Z);"
                        + " restart it to go on from its last checkpoint");
    }
}

package dev.mandate.audit.entity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.platform.security.Caller;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuditEntryTest {

    private static final Caller ADMIN = new Caller("acme", "admin@acme.example", Set.of("mandate-admin"));

    private static AuditEntry entry(String action) {
        return AuditEntry.adminChange(ADMIN, action, null, Map.of());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "agent.created",
                "agent.version-registered",
                "role.updated",
                "killswitch.changed",
                "tool.created",
                "jobs.x",
                "evals.x"
            })
    void aChangeOfConfigurationMovesTheGenerationOn(String action) {
        assertThat(entry(action).changesConfiguration()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "envelope.decided",
                "envelope.rejected",
                "audit.sealed",
                "job.started",
                "job.stopped",
                "job.restarted",
                "eval.dataset-imported",
                "eval.gate-decided"
            })
    void decisionsSealsAndJobRunsLeaveTheCachedConfigurationAlone(String action) {
        assertThat(entry(action).changesConfiguration()).isFalse();
    }

    @Test
    void anUnknownKindOfChangeCountsAsConfiguration() {
        assertThat(entry("something.new").changesConfiguration()).isTrue();
    }
}

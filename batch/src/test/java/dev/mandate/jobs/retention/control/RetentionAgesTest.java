package dev.mandate.jobs.retention.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetentionAgesTest {

    private static final Instant NOW = Instant.parse("2026-12-03T02:00:00Z");

    @Test
    void idempotencyKeysAreKeptAtLeastADay() {
        assertThat(RetentionAges.idempotencyKeysBefore(NOW, 48)).isEqualTo(Instant.parse("2026-12-01T02:00:00Z"));
        assertThat(RetentionAges.idempotencyKeysBefore(NOW, 1)).isEqualTo(Instant.parse("2026-12-02T02:00:00Z"));
        assertThat(RetentionAges.idempotencyKeysBefore(NOW, -5)).isEqualTo(Instant.parse("2026-12-02T02:00:00Z"));
    }

    @Test
    void auditSummariesGoOnlyWhenAnAgeIsSaidTheRunsOwnFirst() {
        assertThat(RetentionAges.auditSummariesBefore(NOW, null, Optional.empty()))
                .isEmpty();
        assertThat(RetentionAges.auditSummariesBefore(NOW, " ", Optional.of("")))
                .isEmpty();
        assertThat(RetentionAges.auditSummariesBefore(NOW, null, Optional.of("30")))
                .contains(Instant.parse("2026-11-03T02:00:00Z"));
        assertThat(RetentionAges.auditSummariesBefore(NOW, "0", Optional.of("30")))
                .contains(NOW);
    }

    @Test
    void anythingButWholeDaysIsRefusedRatherThanRedactingTooMuch() {
        for (String wrong : new String[] {"-1", "1.5", "ten", "36501", "99999999999999999999", "1e3", "0x10"}) {
            assertThatThrownBy(() -> RetentionAges.auditSummariesBefore(NOW, wrong, Optional.empty()))
                    .as(wrong)
                    .hasMessageContaining("whole days from 0 to 36500");
        }
        assertThatThrownBy(() -> RetentionAges.auditSummariesBefore(NOW, null, Optional.of("-3")))
                .hasMessageContaining("not '-3'");
    }
}

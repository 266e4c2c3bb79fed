package dev.mandate.execution.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ToolCircuitBreakersTest {

    private final Instant t0 = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void opensAfterTheThresholdOfFailuresInARowAndLetsOneTrialThroughAfterTheDelay() {
        ToolCircuitBreakers.Breaker breaker = new ToolCircuitBreakers.Breaker();
        for (int i = 0; i < 4; i++) {
            breaker.failed(t0, 5, 30);
            assertThat(breaker.admit(t0)).isEmpty();
        }
        breaker.failed(t0, 5, 30);

        assertThat(breaker.admit(t0.plusSeconds(29))).contains(t0.plusSeconds(30));
        assertThat(breaker.admit(t0.plusSeconds(30))).isEmpty(); // the trial
        assertThat(breaker.admit(t0.plusSeconds(30))).isPresent(); // nobody else meanwhile
    }

    @Test
    void aFailedTrialOpensAgainAndASucceededOneCloses() {
        ToolCircuitBreakers.Breaker breaker = new ToolCircuitBreakers.Breaker();
        for (int i = 0; i < 5; i++) {
            breaker.failed(t0, 5, 30);
        }
        assertThat(breaker.admit(t0.plusSeconds(31))).isEmpty();
        breaker.failed(t0.plusSeconds(31), 5, 30);
        assertThat(breaker.admit(t0.plusSeconds(40))).contains(t0.plusSeconds(61));

        assertThat(breaker.admit(t0.plusSeconds(61))).isEmpty();
        breaker.succeeded();
        assertThat(breaker.admit(t0.plusSeconds(61))).isEmpty();
        assertThat(breaker.admit(t0.plusSeconds(61))).isEmpty();
    }

    @Test
    void aSuccessResetsTheCount() {
        ToolCircuitBreakers.Breaker breaker = new ToolCircuitBreakers.Breaker();
        for (int i = 0; i < 4; i++) {
            breaker.failed(t0, 5, 30);
        }
        breaker.succeeded();
        breaker.failed(t0, 5, 30);

        assertThat(breaker.admit(t0)).isEmpty();
    }
}

package dev.mandate.execution.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.RepeatedTest;

class RetryBackoffTest {

    @RepeatedTest(50)
    void doublesWithJitterUpToTheCapAndNeverBeforeRetryAfter() {
        assertThat(RetryBackoff.after(1, 0).toMillis()).isBetween(500L, 1000L);
        assertThat(RetryBackoff.after(2, 0).toMillis()).isBetween(1000L, 2000L);
        assertThat(RetryBackoff.after(4, 0).toMillis()).isBetween(4000L, 8000L);
        assertThat(RetryBackoff.after(30, 0).toMillis()).isBetween(30_000L, 60_000L);
        assertThat(RetryBackoff.after(1, 9000).toMillis()).isEqualTo(9000L);
    }
}

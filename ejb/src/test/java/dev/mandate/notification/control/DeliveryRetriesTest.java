package dev.mandate.notification.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.notification.entity.DeliveryStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class DeliveryRetriesTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @RepeatedTest(20)
    void aFailedAttemptWithAttemptsLeftIsTriedAgainAfterTheBackoff() {
        DeliveryRetries.Next first = DeliveryRetries.afterFailure(1, 10, NOW, 0);
        DeliveryRetries.Next third = DeliveryRetries.afterFailure(3, 10, NOW, 0);

        assertThat(first.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(Duration.between(NOW, first.nextAttemptAt()).toMillis()).isBetween(500L, 1000L);
        assertThat(Duration.between(NOW, third.nextAttemptAt()).toMillis()).isBetween(2000L, 4000L);
    }

    @RepeatedTest(20)
    void theBackoffIsCappedAtAMinute() {
        DeliveryRetries.Next late = DeliveryRetries.afterFailure(40, 100, NOW, 0);

        assertThat(Duration.between(NOW, late.nextAttemptAt()).toMillis()).isBetween(30_000L, 60_000L);
    }

    @Test
    void theReceiversRetryAfterIsNeverCutShort() {
        DeliveryRetries.Next next = DeliveryRetries.afterFailure(1, 10, NOW, 120_000);

        assertThat(next.nextAttemptAt()).isEqualTo(NOW.plusSeconds(120));
    }

    @Test
    void theLastAttemptEndsInFailed() {
        assertThat(DeliveryRetries.afterFailure(10, 10, NOW, 0).status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(DeliveryRetries.afterFailure(12, 10, NOW, 0).status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(DeliveryRetries.afterFailure(9, 10, NOW, 0).status()).isEqualTo(DeliveryStatus.PENDING);
    }
}

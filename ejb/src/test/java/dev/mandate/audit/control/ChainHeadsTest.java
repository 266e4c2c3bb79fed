package dev.mandate.audit.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.audit.entity.ChainPosition;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainHeadsTest {

    private static final String CHAIN = "acme/3";

    private final ChainHeads heads = new ChainHeads();

    @Test
    void aChainThisServerNeverMovedHasNoPrediction() {
        assertThat(heads.predicted(CHAIN)).isEmpty();
    }

    @Test
    void theHeadLastMovedToIsPredicted() {
        heads.moved(head(7));
        heads.moved(head(8));
        assertThat(heads.predicted(CHAIN)).contains(head(8));
        assertThat(heads.predicted("acme/4")).isEmpty();
    }

    @Test
    void afterEachFailedPredictionTwiceAsManyAppendsDoNotPredictUpToTheLimit() {
        heads.moved(head(1));
        List<Integer> skipped = new ArrayList<>();
        for (int failure = 0; failure < 9; failure++) {
            assertThat(heads.predicted(CHAIN)).isPresent();
            heads.missed(CHAIN);
            int without = 0;
            while (heads.predicted(CHAIN).isEmpty()) {
                without++;
                heads.moved(head(failure * 100 + without));
            }
            skipped.add(without);
        }
        assertThat(skipped).containsExactly(1, 2, 4, 8, 16, 32, 64, 64, 64);
    }

    @Test
    void aPredictionThatHoldsEndsTheBackOff() {
        heads.moved(head(1));
        heads.missed(CHAIN);
        heads.missed(CHAIN);
        heads.held(CHAIN);
        assertThat(heads.predicted(CHAIN)).contains(head(1));
        heads.missed(CHAIN);
        assertThat(heads.predicted(CHAIN)).as("backs off one append again").isEmpty();
        assertThat(heads.predicted(CHAIN)).contains(head(1));
    }

    @Test
    void movingTheHeadWhileBackingOffKeepsTheBackOff() {
        heads.moved(head(1));
        heads.missed(CHAIN);
        heads.moved(head(2));
        assertThat(heads.predicted(CHAIN)).isEmpty();
        assertThat(heads.predicted(CHAIN)).contains(head(2));
    }

    private static ChainPosition head(long sequence) {
        return new ChainPosition(
                CHAIN,
                3,
                sequence,
                "%064d".formatted(sequence),
                OffsetDateTime.of(2026, 12, 5, 0, 0, 0, 0, ZoneOffset.UTC));
    }
}

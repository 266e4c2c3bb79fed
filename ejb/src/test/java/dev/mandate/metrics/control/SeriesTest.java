package dev.mandate.metrics.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SeriesTest {

    private final List<List<String>> made = new ArrayList<>();

    private Series<AtomicLong> series(int cap) {
        return new Series<>(() -> cap, new boolean[] {true, true, false}, labels -> {
            made.add(labels);
            return new AtomicLong();
        });
    }

    @Test
    void theSameLabelValuesFindTheSameHandleMadeOnce() {
        Series<AtomicLong> counters = series(10);

        counters.of("acme", "erp", "ALLOW").incrementAndGet();
        counters.of("acme", "erp", "ALLOW").incrementAndGet();

        assertThat(counters.of("acme", "erp", "ALLOW")).hasValue(2);
        assertThat(made).containsExactly(List.of("acme", "erp", "ALLOW"));
    }

    @Test
    void pastTheCapNewValuesShareTheOtherSeriesAndEnumeratedLabelsStay() {
        Series<AtomicLong> counters = series(2);
        counters.of("acme", "erp", "ALLOW");
        counters.of("acme", "crm", "ALLOW");

        for (int i = 0; i < 1000; i++) {
            counters.of("acme", "tool-" + i, i % 2 == 0 ? "ALLOW" : "DENY").incrementAndGet();
        }

        assertThat(counters.size()).isEqualTo(4);
        assertThat(counters.of("other", "other", "ALLOW")).hasValue(500);
        assertThat(counters.of("other", "other", "DENY")).hasValue(500);
        assertThat(made).hasSize(4).noneMatch(labels -> labels.get(1).startsWith("tool-"));
    }

    @Test
    void aMissingValueReadsNone() {
        Series<AtomicLong> counters = series(10);

        counters.of("acme", null, "ALLOW").incrementAndGet();

        assertThat(made).containsExactly(List.of("acme", "none", "ALLOW"));
    }
}

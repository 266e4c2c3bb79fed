package dev.mandate.platform.id;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    @Test
    void areVersion7UuidsWithTheirMillisecondUpFront() {
        long now = System.currentTimeMillis();
        UUID id = UUID.fromString(TimeOrderedIds.next());

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isBetween(now, System.currentTimeMillis());
    }

    @Test
    void theirTextSortsByTime() {
        List<String> ids = new ArrayList<>();
        for (long millis = 1_700_000_000_000L; millis < 1_700_000_000_000L + 5_000; millis += 7) {
            ids.add(TimeOrderedIds.at(millis).toString());
        }
        assertThat(ids).isSorted();
        // the time field keeps its width across a carry into the next hex digit
        assertThat(TimeOrderedIds.at(0x0FFF_FFFF_FFFFL).toString())
                .isLessThan(TimeOrderedIds.at(0x1000_0000_0000L).toString());
    }

    @Test
    void idsOfTheSameMillisecondDiffer() {
        HashSet<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(TimeOrderedIds.at(1_700_000_000_000L).toString());
        }
        assertThat(ids).hasSize(10_000);
    }
}

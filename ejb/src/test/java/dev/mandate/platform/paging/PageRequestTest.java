package dev.mandate.platform.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.error.ProblemType;
import dev.mandate.platform.error.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageRequestTest {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 200;

    @Test
    void absentValuesTakeOffsetZeroAndTheDefaultLimit() {
        assertThat(PageRequest.of(null, null, DEFAULT_LIMIT, MAX_LIMIT)).isEqualTo(new PageRequest(0, DEFAULT_LIMIT));
    }

    @Test
    void givenValuesAreKept() {
        assertThat(PageRequest.of(40, 20, DEFAULT_LIMIT, MAX_LIMIT)).isEqualTo(new PageRequest(40, 20));
    }

    @Test
    void onlyTheAbsentValueIsDefaulted() {
        assertThat(PageRequest.of(10, null, DEFAULT_LIMIT, MAX_LIMIT)).isEqualTo(new PageRequest(10, DEFAULT_LIMIT));
        assertThat(PageRequest.of(null, 5, DEFAULT_LIMIT, MAX_LIMIT)).isEqualTo(new PageRequest(0, 5));
    }

    @Test
    void theBoundsThemselvesAreAllowed() {
        assertThat(PageRequest.of(0, 1, DEFAULT_LIMIT, MAX_LIMIT)).isEqualTo(new PageRequest(0, 1));
        assertThat(PageRequest.of(Integer.MAX_VALUE, MAX_LIMIT, DEFAULT_LIMIT, MAX_LIMIT))
                .isEqualTo(new PageRequest(Integer.MAX_VALUE, MAX_LIMIT));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, -50, Integer.MIN_VALUE})
    void aNegativeOffsetIsRefusedNamingTheOffset(int offset) {
        assertThatThrownBy(() -> PageRequest.of(offset, 10, DEFAULT_LIMIT, MAX_LIMIT))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.type()).isEqualTo(ProblemType.VALIDATION_FAILED);
                    assertThat(e.violations()).containsExactly(new Violation("offset", "must be 0 or more"));
                    assertThat(e.detail()).isEqualTo("offset: must be 0 or more");
                });
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, MAX_LIMIT + 1, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void aLimitOutsideOneToMaxIsRefusedNamingTheLimit(int limit) {
        assertThatThrownBy(() -> PageRequest.of(0, limit, DEFAULT_LIMIT, MAX_LIMIT))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("limit", "must be between 1 and " + MAX_LIMIT)));
    }

    @Test
    void theOffsetIsCheckedFirst() {
        assertThatThrownBy(() -> PageRequest.of(-1, 0, DEFAULT_LIMIT, MAX_LIMIT))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field)
                        .containsExactly("offset"));
    }
}

package dev.mandate.platform.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConstraintViolationsTest {

    @ParameterizedTest
    @ValueSource(strings = {"23000", "23001", "23502", "23503", "23505", "23514", "23P01"})
    void anSqlExceptionOfClass23IsAnIntegrityViolation(String sqlState) {
        assertThat(ConstraintViolations.isIntegrityViolation(new SQLException("constraint", sqlState)))
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"40001", "40P01", "08006", "42P01", "22001", "02000", "2", "32505", "", "x23505"})
    void otherSqlStatesAreNot(String sqlState) {
        assertThat(ConstraintViolations.isIntegrityViolation(new SQLException("other", sqlState)))
                .isFalse();
    }

    @Test
    void anSqlExceptionWithoutStateIsNot() {
        assertThat(ConstraintViolations.isIntegrityViolation(new SQLException("no state")))
                .isFalse();
    }

    @Test
    void theViolationIsFoundDeepInTheCauseChain() {
        SQLException unique = new SQLException("duplicate key value violates unique constraint", "23505");
        RuntimeException wrapped =
                new IllegalStateException("persistence", new RuntimeException("driver", new RuntimeException(unique)));

        assertThat(ConstraintViolations.isIntegrityViolation(wrapped)).isTrue();
    }

    @Test
    void anSqlExceptionWrappingAnotherSqlExceptionIsCheckedAllTheWayDown() {
        SQLException unique = new SQLException("unique", "23505");
        SQLException batch = new SQLException("batch failed", "HY000", unique);

        assertThat(ConstraintViolations.isIntegrityViolation(batch)).isTrue();
    }

    @Test
    void aChainWithOnlyOtherStatesIsNot() {
        SQLException deadlock = new SQLException("deadlock detected", "40P01");
        RuntimeException wrapped = new RuntimeException("persistence", new SQLException("wrapper", "HY000", deadlock));

        assertThat(ConstraintViolations.isIntegrityViolation(wrapped)).isFalse();
    }

    @Test
    void aChainWithoutAnySqlExceptionIsNot() {
        RuntimeException failure = new RuntimeException("outer", new IllegalArgumentException("23505"));

        assertThat(ConstraintViolations.isIntegrityViolation(failure)).isFalse();
    }

    @Test
    void theSubclassForIntegrityViolationsCountsByItsState() {
        assertThat(ConstraintViolations.isIntegrityViolation(
                        new SQLIntegrityConstraintViolationException("unique", "23505")))
                .isTrue();
    }

    @Test
    void nullIsNot() {
        assertThat(ConstraintViolations.isIntegrityViolation(null)).isFalse();
    }
}

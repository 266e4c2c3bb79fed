package dev.mandate.platform.error;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ejb.EJBException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.resource.ResourceException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseUnavailableTest {

    private static PersistenceException wrapped(SQLException cause) {
        return new PersistenceException("statement failed", cause);
    }

    @Test
    void lockAndStatementTimeoutsOfBothDatabasesAreUnavailability() {
        assertThat(DatabaseUnavailable.is(wrapped(new SQLException("lock timeout", "55P03"))))
                .isTrue();
        assertThat(DatabaseUnavailable.is(wrapped(new SQLException("canceling statement", "57014"))))
                .isTrue();
        assertThat(DatabaseUnavailable.is(wrapped(new SQLException("Timeout trying to lock table", "HYT00", 50200))))
                .isTrue();
    }

    @Test
    void anUnreachableOrRefusingDatabaseIsUnavailability() {
        assertThat(DatabaseUnavailable.is(new EJBException(wrapped(new SQLException("refused", "08001")))))
                .isTrue();
        assertThat(DatabaseUnavailable.is(wrapped(new SQLException("terminating connection", "57P01"))))
                .isTrue();
        assertThat(DatabaseUnavailable.is(wrapped(new SQLException("not accepting connections", "55000"))))
                .isTrue();
        assertThat(DatabaseUnavailable.is(wrapped(new SQLException("too many clients", "53300"))))
                .isTrue();
        assertThat(DatabaseUnavailable.is(new EJBException(new SQLTransientConnectionException("gone"))))
                .isTrue();
    }

    @Test
    void aPoolWithoutAConnectionToGiveIsUnavailability() {
        SQLException pool = new SQLException("Error in allocating a connection");
        pool.initCause(new ResourceException("In-use connections equal max-pool-size and expired max-wait-time"));
        assertThat(DatabaseUnavailable.is(wrapped(pool))).isTrue();
    }

    @Test
    void aChainedNextExceptionCounts() {
        SQLException batch = new SQLException("batch failed", "25P02");
        batch.setNextException(new SQLException("lock timeout", "55P03"));
        assertThat(DatabaseUnavailable.is(batch)).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(DatabaseUnavailable.is(wrapped(new SQLException("duplicate key", "23505"))))
                .isFalse();
        assertThat(DatabaseUnavailable.is(wrapped(new SQLException("syntax", "42601"))))
                .isFalse();
        assertThat(DatabaseUnavailable.is(wrapped(new SQLException("no state"))))
                .isFalse();
        assertThat(DatabaseUnavailable.is(new OptimisticLockException("changed")))
                .isFalse();
        assertThat(DatabaseUnavailable.is(new IllegalStateException("bug"))).isFalse();
        assertThat(DatabaseUnavailable.is(null)).isFalse();
    }

    @Test
    void aCycleOfCausesEnds() {
        SQLException first = new SQLException("first", "42000");
        SQLException second = new SQLException("second", "42000", first);
        first.setNextException(second);
        assertThat(DatabaseUnavailable.is(first)).isFalse();
    }
}

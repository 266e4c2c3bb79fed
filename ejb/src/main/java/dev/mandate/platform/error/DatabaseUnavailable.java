package dev.mandate.platform.error;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PessimisticLockException;
import jakarta.persistence.QueryTimeoutException;
import jakarta.resource.ResourceException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Tells a failure of the database's availability (unreachable, refusing connections, no pool connection
 * within the pool's wait, a statement or lock timeout) from every other failure. The transaction that
 * met it rolled back, so nothing was half-written and the request may be retried: the API answers 503
 * with {@code Retry-After}, never a 500.
 */
public final class DatabaseUnavailable {

    /** Seconds a client is asked to wait before retrying (the {@code Retry-After} of a 503). */
    public static final int RETRY_AFTER_SECONDS = 5;

    /**
     * SQLState prefixes of availability failures: 08 connection exceptions; 53 insufficient resources
     * (too many connections); 57P0 shutdown, crash, cannot connect now; 57014 statement cancelled
     * (statement timeout); 55P03 lock not available (lock_timeout); 55000 database not accepting
     * connections (PostgreSQL); HYT00 lock or statement timeout (H2).
     */
    private static final Set<String> STATES = Set.of("08", "53", "57P0", "57014", "55P03", "55000", "HYT00");

    private DatabaseUnavailable() {}

    /** Whether {@code failure}, or anything that caused it, says the database is unavailable or too slow. */
    public static boolean is(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable cause = failure; cause != null && seen.put(cause, Boolean.TRUE) == null; ) {
            if (cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLTimeoutException
                    || cause instanceof ResourceException
                    || cause instanceof QueryTimeoutException
                    || cause instanceof LockTimeoutException
                    || cause instanceof PessimisticLockException) {
                return true;
            }
            if (cause instanceof SQLException sql && unavailableState(sql.getSQLState())) {
                return true;
            }
            cause = next(cause);
        }
        return false;
    }

    private static boolean unavailableState(String state) {
        return state != null && STATES.stream().anyMatch(state::startsWith);
    }

    private static Throwable next(Throwable failure) {
        if (failure.getCause() != null) {
            return failure.getCause();
        }
        return failure instanceof SQLException sql ? sql.getNextException() : null;
    }
}

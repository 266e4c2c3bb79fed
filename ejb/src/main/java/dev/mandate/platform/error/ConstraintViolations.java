package dev.mandate.platform.error;

import java.sql.SQLException;

/** Recognises a database integrity-constraint violation (SQLState class 23) anywhere in a cause chain. */
public final class ConstraintViolations {

    private ConstraintViolations() {}

    public static boolean isIntegrityViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }
}

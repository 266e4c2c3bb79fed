package dev.mandate.it.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Direct reads of the test database, to prove what the API must not do (a rejected request writes
 * nothing). Tests write through here only to play the attacker or the failing database: tampering with
 * the audit ({@link #execute}) and forcing a commit to fail.
 */
public final class Database {

    private static final String URL = System.getProperty("mandate.it.jdbc-url");

    private Database() {}

    /** Rows of a tenant-scoped table that belong to the tenant. */
    public static long rows(String table, String tenant) {
        return count("select count(*) from " + table + " where tenant_id = ?", tenant);
    }

    public static long count(String sql, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(URL);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A statement run as an attacker with database access would run it. FOR TAMPER TESTS, and for rows
     * older than a test can wait for (housekeeping): nothing else may write behind the API's back.
     * Returns the update count.
     */
    public static int execute(String sql, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(URL);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A connection in a transaction of its own (auto-commit off), for a test that plays a slow
     * transaction: it holds row locks until the test rolls it back or closes it.
     */
    public static Connection transaction() {
        try {
            Connection connection = DriverManager.getConnection(URL);
            connection.setAutoCommit(false);
            return connection;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Refreshes the planner statistics of a table, as PostgreSQL's autovacuum does after bulk inserts
     * (autovacuum is off on the build machine; the benchmark calls this after its first Bulk request).
     */
    public static void analyze(String table) {
        if (!table.matches("[a-z_]+")) {
            throw new IllegalArgumentException(table);
        }
        try (Connection connection = DriverManager.getConnection(URL);
                PreparedStatement statement = connection.prepareStatement("analyze " + table)) {
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One text column of the first matching row, or null. */
    public static String text(String sql, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(URL);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? result.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every tenant-scoped row of a tenant, summed over the identity and audit tables. */
    public static long footprint(String tenant) {
        return rows("agent", tenant)
                + rows("audit_record", tenant)
                + rows("audit_checkpoint", tenant)
                + rows("agent_status_change", tenant)
                + rows("rbac_role", tenant)
                + rows("rbac_role_assignment", tenant)
                + count(
                        "select count(*) from rbac_role_permission p join rbac_role r on r.id = p.role_id"
                                + " where r.tenant_id = ?",
                        tenant)
                + policyFootprint(tenant)
                + count("select count(*) from tenant where id = ?", tenant);
    }

    /** A tenant's policy rows: its policy set, its rules and every version of them. */
    public static long policyFootprint(String tenant) {
        return rows("policy_set", tenant) + rows("policy_rule", tenant) + rows("policy_rule_version", tenant);
    }
}

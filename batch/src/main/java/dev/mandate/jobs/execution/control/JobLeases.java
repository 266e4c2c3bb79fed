package dev.mandate.jobs.execution.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Leases on scheduled slots: every server's timer fires for the same slot of a job and tenant, and the one
 * whose insert of the slot's row commits first runs it. The primary key decides, on one database or on
 * servers sharing one: a second insert waits for the first to commit and then fails on the key.
 */
@ApplicationScoped
public class JobLeases {

    /** A job that runs once for the whole system, not once per tenant, leases its slots for this tenant. */
    public static final String SYSTEM = "";

    static final String TAKE =
            "insert into job_lease (job_name, tenant_id, slot, server_id, taken_at) values (?, ?, ?, ?, ?)";

    @Resource(lookup = "jdbc/mandate")
    DataSource dataSource;

    /** Takes the slot for this server, in a transaction of its own; false when another server has it. */
    public boolean take(String jobName, String tenant, Instant slot, String serverId) {
        try (Connection connection = dataSource.getConnection()) {
            return take(connection, jobName, tenant, slot, serverId, Instant.now());
        } catch (SQLException failed) {
            throw new IllegalStateException("the lease on " + jobName + " at " + slot + " could not be taken", failed);
        }
    }

    /** Remembers which execution the slot started. */
    public void started(String jobName, String tenant, Instant slot, long executionId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "update job_lease set execution_id = ? where job_name = ? and tenant_id = ? and slot = ?")) {
            update.setLong(1, executionId);
            update.setString(2, jobName);
            update.setString(3, tenant);
            update.setTimestamp(4, Timestamp.from(slot));
            update.executeUpdate();
        } catch (SQLException failed) {
            throw new IllegalStateException(
                    "the lease on " + jobName + " at " + slot + " could not be updated", failed);
        }
    }

    /**
     * Inserts the slot's row on {@code connection} (committed by the caller when auto-commit is off): true
     * when this insert holds the slot, false when the key says another one took it.
     */
    public static boolean take(
            Connection connection, String jobName, String tenant, Instant slot, String serverId, Instant now)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(TAKE)) {
            insert.setString(1, jobName);
            insert.setString(2, tenant);
            insert.setTimestamp(3, Timestamp.from(slot));
            insert.setString(4, serverId);
            insert.setTimestamp(5, Timestamp.from(now));
            insert.executeUpdate();
            return true;
        } catch (SQLException refused) {
            if (refused.getSQLState() != null && refused.getSQLState().startsWith("23")) {
                return false;
            }
            throw refused;
        }
    }
}

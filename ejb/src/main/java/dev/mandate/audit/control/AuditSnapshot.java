package dev.mandate.audit.control;

import dev.mandate.audit.entity.AuditRecord;
import dev.mandate.audit.entity.CanonicalForm;
import dev.mandate.audit.entity.ChainHead;
import dev.mandate.audit.entity.CheckpointView;
import dev.mandate.audit.entity.RecordView;
import dev.mandate.audit.verify.AuditVerifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * One consistent, read-only view of a tenant's audit, on one connection of its own: chain heads,
 * checkpoints and records as they all stood at the same instant, whatever appends and seals commit
 * meanwhile. On PostgreSQL a {@code REPEATABLE READ READ ONLY} transaction (its snapshot is taken at the
 * first statement and serves every later one); on H2 its {@code SNAPSHOT} isolation, the whole
 * database as of the first read (H2 2.2's {@code REPEATABLE READ} is not enough: it fixes each table
 * only when it is first read, so heads read before records could miss an append committed between the
 * two; tried on H2 2.2.224, the version Payara ships), else {@code REPEATABLE READ}. Records are streamed through a cursor ({@value #FETCH_SIZE}
 * rows at a time), never held all at once.
 *
 * <p>Not for writing, and not inside a container transaction: the caller runs without one (the
 * connection's own transaction is the snapshot) and closes the snapshot, which rolls it back and gives
 * the connection back as it found it.
 */
public final class AuditSnapshot implements AutoCloseable {

    static final int FETCH_SIZE = 1000;

    /** H2's isolation level {@code SNAPSHOT} (org.h2.engine.Constants.TRANSACTION_SNAPSHOT). */
    private static final int H2_SNAPSHOT = 6;

    private static final String RECORD_COLUMNS = "id, tenant_id, chain, sequence, recorded_at, actor, agent_id,"
            + " task_id, trace_id, action, outcome, rule_ids, input_summary, policy_version, details, previous_hash,"
            + " hash, input_summary_salt, input_summary_digest";

    private final Connection connection;
    private final String tenant;
    private final boolean autoCommit;
    private final int isolation;
    private final boolean readOnly;

    private AuditSnapshot(Connection connection, String tenant) throws SQLException {
        this.connection = connection;
        this.tenant = tenant;
        this.autoCommit = connection.getAutoCommit();
        this.isolation = connection.getTransactionIsolation();
        this.readOnly = connection.isReadOnly();
    }

    /** Opens the snapshot; it starts with the first read. */
    public static AuditSnapshot open(DataSource dataSource, boolean postgres, String tenant) throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            AuditSnapshot snapshot = new AuditSnapshot(connection, tenant);
            connection.setAutoCommit(false);
            if (postgres) {
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            } else {
                try {
                    connection.setTransactionIsolation(H2_SNAPSHOT);
                } catch (SQLException notOffered) {
                    connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                }
            }
            connection.setReadOnly(true);
            return snapshot;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** The tenant's chain heads, by chain. */
    public Map<Integer, ChainHead> heads() throws SQLException {
        Map<Integer, ChainHead> heads = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "select chain, head_sequence, head_hash, checkpoint_count, checkpoint_hash from audit_chain"
                        + " where tenant_id = ? order by chain")) {
            statement.setString(1, tenant);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    heads.put(
                            rows.getInt(1),
                            new ChainHead(
                                    rows.getInt(1),
                                    rows.getLong(2),
                                    rows.getString(3),
                                    rows.getLong(4),
                                    rows.getString(5)));
                }
            }
        }
        return heads;
    }

    /** Every chain number that has records or checkpoints, whether or not its head row is still there. */
    public TreeSet<Integer> chainsInUse() throws SQLException {
        TreeSet<Integer> chains = new TreeSet<>();
        for (String table : List.of("audit_record", "audit_checkpoint")) {
            try (PreparedStatement statement =
                    connection.prepareStatement("select distinct chain from " + table + " where tenant_id = ?")) {
                statement.setString(1, tenant);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        chains.add(rows.getInt(1));
                    }
                }
            }
        }
        return chains;
    }

    /** The chain's checkpoints up to number {@code upTo}, by number. */
    public List<CheckpointView> checkpoints(int chain, long upTo) throws SQLException {
        List<CheckpointView> checkpoints = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "select tenant_id, chain, number, record_sequence, head_hash, sealed_at, previous_checkpoint_hash,"
                        + " key_id, hash, signature from audit_checkpoint where tenant_id = ? and chain = ?"
                        + " and number <= ? order by number")) {
            statement.setString(1, tenant);
            statement.setInt(2, chain);
            statement.setLong(3, upTo);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    checkpoints.add(new CheckpointView(
                            rows.getString(1),
                            rows.getInt(2),
                            rows.getLong(3),
                            rows.getLong(4),
                            rows.getString(5),
                            CanonicalForm.timestamp(rows.getObject(6, OffsetDateTime.class)),
                            rows.getString(7),
                            rows.getString(8),
                            rows.getString(9),
                            rows.getString(10)));
                }
            }
        }
        return checkpoints;
    }

    /**
     * The chain's records up to sequence {@code upTo}, in stored order, read from the snapshot each time
     * the source is walked. A database failure while walking is an {@link IllegalStateException}.
     */
    public AuditVerifier.RecordSource records(int chain, long upTo) {
        return each -> {
            try (PreparedStatement statement = connection.prepareStatement("select " + RECORD_COLUMNS
                    + " from audit_record where tenant_id = ? and chain = ? and sequence <= ? order by sequence, id")) {
                statement.setFetchSize(FETCH_SIZE);
                statement.setString(1, tenant);
                statement.setInt(2, chain);
                statement.setLong(3, upTo);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        each.accept(record(rows));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("reading audit chain " + chain + " failed", e);
            }
        };
    }

    private static RecordView record(ResultSet row) throws SQLException {
        return new RecordView(
                row.getString(1),
                row.getString(2),
                row.getInt(3),
                row.getLong(4),
                CanonicalForm.timestamp(row.getObject(5, OffsetDateTime.class)),
                row.getString(6),
                row.getString(7),
                row.getString(8),
                row.getString(9),
                row.getString(10),
                row.getString(11),
                AuditRecord.ruleIdList(row.getString(12)),
                row.getString(13),
                row.getString(14),
                AuditRecord.detailMap(row.getString(15)),
                row.getString(16),
                row.getString(17),
                row.getString(18),
                row.getString(19));
    }

    /** Ends the snapshot (nothing was written: rolled back) and gives the connection back as it was. */
    @Override
    public void close() throws SQLException {
        try {
            connection.rollback();
            connection.setReadOnly(readOnly);
            connection.setTransactionIsolation(isolation);
            connection.setAutoCommit(autoCommit);
        } finally {
            connection.close();
        }
    }
}

package dev.mandate.platform.sql;

import dev.mandate.platform.schema.DatabaseProduct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Hand-written statements of the decision path, run with plain JDBC on Mandate's datasource. EclipseLink
 * parses a native query's SQL and builds its query objects again on every call, which cost as much Java
 * time as the statement itself (JFR, BENCHMARKS.md).
 *
 * <p>Inside a JTA transaction every statement here runs on the connection the transaction's entity
 * manager holds ({@code EntityManager.unwrap(Connection.class)}): one transaction, one connection, however
 * many records it writes through JPA and through here. Relying on the pool to hand a handle of the same
 * connection to each taker did not hold: a request that wrote through JPA, appended an audit record, then
 * wrote through JPA and appended again (a SCIM PUT that changes attributes and deactivates) ran its second
 * chain lock on another server connection (seen in {@code pg_stat_activity}), which waited for the lock
 * the first connection of its own request held: forever on PostgreSQL, 2 s and a 500 on H2. The entity
 * manager keeps its connection until the transaction ends and releases it then; nothing here closes it.
 * Outside a transaction a statement takes a connection of its own from the pool and gives it back.
 *
 * <p>Parameters are bound in order; an {@link Instant} is bound as a UTC timestamp. Failures surface as
 * {@link PersistenceException} with the driver's {@link SQLException} as cause, as the entity manager's
 * would (see {@code ConstraintViolations}).
 *
 * <p>{@link #writes()} collects statements whose results nobody reads and sends them together: on
 * PostgreSQL as one multi-statement request, which the driver sends in a single round trip (each
 * statement still parsed, bound and run on its own, in order); elsewhere one after another.
 */
@ApplicationScoped
public class Sql {

    /** Reads from a result: one row, or (inside this class) all of them. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    @Resource(lookup = "jdbc/mandate")
    DataSource dataSource;

    @Inject
    DatabaseProduct database;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** The transaction's entity manager: inside a transaction, statements run on its connection. */
    @PersistenceContext(unitName = "mandate")
    EntityManager entityManager;

    /** Work on a connection; the connection is not the work's to close. */
    @FunctionalInterface
    private interface Work<R> {
        R on(Connection connection) throws SQLException;
    }

    /**
     * Writes run in order: statements, and steps that need a statement's result before the next one (a
     * portable upsert). On PostgreSQL consecutive statements go in one request.
     */
    public final class Writes {
        /**
         * {@code otherwise}: when set, the statement must change exactly one row, else that is thrown;
         * {@code result}: when set, what the statement gave (its first row, or its changed-row count) goes there.
         */
        private record Statement(
                String sql, Object[] values, Supplier<? extends RuntimeException> otherwise, Result<?> result) {}

        private final List<Object> steps = new ArrayList<>();
        private int leading;

        private Writes() {}

        /** Adds an insert, update or delete; nothing runs before {@link #run}. */
        public Writes add(String sql, Object... values) {
            if (sql.indexOf(';') >= 0) {
                throw new IllegalArgumentException("one statement per add: " + sql);
            }
            steps.add(new Statement(sql, values, null, null));
            return this;
        }

        /**
         * Adds a statement that must change exactly one row: otherwise {@link #run} throws what {@code
         * otherwise} supplies (after the statements sent with it ran; the caller's transaction must then
         * roll back, as a {@code MandateException} makes it).
         */
        public Writes addExpectingOne(Supplier<? extends RuntimeException> otherwise, String sql, Object... values) {
            add(sql, values);
            Statement added = (Statement) steps.remove(steps.size() - 1);
            steps.add(new Statement(added.sql(), added.values(), otherwise, null));
            return this;
        }

        /**
         * Adds a query that runs before everything added with the other methods (after the queries and
         * statements added with the lead methods before it): a lock the writes must take first. Its first
         * row, if any, is in the result once {@link #run} sent it.
         */
        public <T> Result<Optional<T>> leadQuery(String sql, Row<T> row, Object... values) {
            Result<Optional<T>> result = new Result<>(row);
            lead(new Statement(sql, values, null, result));
            return result;
        }

        /**
         * Adds an insert, update or delete that runs after the lead queries added before it and before
         * everything else; its changed-row count is in the result once {@link #run} sent it.
         */
        public Result<Integer> leadUpdate(String sql, Object... values) {
            Result<Integer> result = new Result<>(null);
            lead(new Statement(sql, values, null, result));
            return result;
        }

        private void lead(Statement statement) {
            if (statement.sql().indexOf(';') >= 0) {
                throw new IllegalArgumentException("one statement per add: " + statement.sql());
            }
            steps.add(leading++, statement);
        }

        /** Adds a step that runs its own statements, after the ones added before it. */
        public Writes add(Runnable step) {
            steps.add(step);
            return this;
        }

        /** Runs everything in the caller's transaction, the lead statements first. */
        public void run() {
            List<Integer> changed = new ArrayList<>();
            List<Statement> pending = new ArrayList<>();
            for (Object step : steps) {
                if (step instanceof Statement statement) {
                    pending.add(statement);
                } else {
                    send(pending, changed);
                    pending.clear();
                    ((Runnable) step).run();
                }
            }
            send(pending, changed);
        }

        private void send(List<Statement> statements, List<Integer> changed) {
            int first = changed.size();
            sendAll(statements, changed);
            for (int i = 0; i < statements.size(); i++) {
                Statement statement = statements.get(i);
                if (statement.otherwise() != null && changed.get(first + i) != 1) {
                    throw statement.otherwise().get();
                }
            }
        }

        private void sendAll(List<Statement> statements, List<Integer> changed) {
            if (statements.size() < 2 || !database.isPostgres()) {
                statements.forEach(statement -> changed.add(sendOne(statement)));
                return;
            }
            String sql =
                    String.join(";\n", statements.stream().map(Statement::sql).toList());
            Object[] values = statements.stream()
                    .flatMap(statement -> Arrays.stream(statement.values()))
                    .toArray();
            withConnection(sql, connection -> {
                try (PreparedStatement statement = prepare(connection, sql, values)) {
                    boolean rows = statement.execute();
                    for (Statement each : statements) {
                        changed.add(taken(each, statement, rows));
                        rows = statement.getMoreResults();
                    }
                    return null;
                }
            });
        }

        private int sendOne(Statement one) {
            if (one.result() == null || one.result().row == null) {
                int count = update(one.sql(), one.values());
                if (one.result() != null) {
                    one.result().set(count);
                }
                return count;
            }
            Result<?> result = one.result();
            result.set(first(one.sql(), result.row, one.values()));
            return 0;
        }

        /** What one statement of a request gave: its changed-row count (0 for a query, whose row is kept). */
        private static int taken(Statement each, PreparedStatement statement, boolean rows) throws SQLException {
            Result<?> result = each.result();
            if (rows) {
                if (result == null || result.row == null) {
                    throw new IllegalStateException("a write returned rows: " + each.sql());
                }
                try (ResultSet first = statement.getResultSet()) {
                    result.set(firstRow(first, result.row));
                }
                return 0;
            }
            if (result != null && result.row != null) {
                throw new IllegalStateException("not a query: " + each.sql());
            }
            int count = statement.getUpdateCount();
            if (result != null) {
                result.set(count);
            }
            return count;
        }
    }

    /** What a statement sent among {@link Writes} gave, once {@link Writes#run} sent it. */
    public static final class Result<T> {
        private final Row<?> row;
        private Object value;
        private boolean sent;

        private Result(Row<?> row) {
            this.row = row;
        }

        private void set(Object value) {
            this.value = value;
            this.sent = true;
        }

        /** @throws IllegalStateException before the statement was sent */
        @SuppressWarnings("unchecked")
        public T get() {
            if (!sent) {
                throw new IllegalStateException("the statement has not run yet");
            }
            return (T) value;
        }
    }

    /** The first row, if any, of each of two queries run by {@link #firstOfEach}. */
    public record FirstRows<A, B>(Optional<A> first, Optional<B> second) {}

    /**
     * Runs two queries one after the other and reads the first row of each; on PostgreSQL both go in one
     * request (one round trip). The second runs after the first has finished, with a snapshot of its own
     * (read committed): it sees what was committed while the first ran.
     */
    public <A, B> FirstRows<A, B> firstOfEach(
            String first,
            Row<A> firstRow,
            Object[] firstValues,
            String second,
            Row<B> secondRow,
            Object[] secondValues) {
        if (!database.isPostgres()) {
            return new FirstRows<>(first(first, firstRow, firstValues), first(second, secondRow, secondValues));
        }
        String sql = first + ";\n" + second;
        Object[] values =
                Stream.of(firstValues, secondValues).flatMap(Arrays::stream).toArray();
        return withConnection(sql, connection -> {
            try (PreparedStatement statement = prepare(connection, sql, values)) {
                if (!statement.execute()) {
                    throw new IllegalStateException("not a query: " + first);
                }
                Optional<A> a;
                try (ResultSet result = statement.getResultSet()) {
                    a = firstRow(result, firstRow);
                }
                if (!statement.getMoreResults()) {
                    throw new IllegalStateException("not a query: " + second);
                }
                try (ResultSet result = statement.getResultSet()) {
                    return new FirstRows<>(a, firstRow(result, secondRow));
                }
            }
        });
    }

    private static <T> Optional<T> firstRow(ResultSet result, Row<T> row) throws SQLException {
        return result.next() ? Optional.ofNullable(row.read(result)) : Optional.empty();
    }

    /** An empty set of writes to send together. */
    public Writes writes() {
        return new Writes();
    }

    /** Runs an insert, update or delete; returns the number of rows it changed. */
    public int update(String sql, Object... parameters) {
        return withConnection(sql, connection -> {
            try (PreparedStatement statement = prepare(connection, sql, parameters)) {
                return statement.executeUpdate();
            }
        });
    }

    /**
     * Runs one insert, update or delete for each row of values as JDBC batches of {@code batchSize}: many
     * rows of the same shape (an eval dataset's cases, a chunk's results) in a few round trips.
     */
    public void batch(String sql, List<Object[]> rows, int batchSize) {
        withConnection(sql, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int pending = 0;
                for (Object[] row : rows) {
                    for (int i = 0; i < row.length; i++) {
                        Object value = row[i];
                        statement.setObject(i + 1, value instanceof Instant at ? at.atOffset(ZoneOffset.UTC) : value);
                    }
                    statement.addBatch();
                    if (++pending == batchSize) {
                        statement.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    statement.executeBatch();
                }
                return null;
            }
        });
    }

    /** The first row of a query, if any. */
    public <T> Optional<T> first(String sql, Row<T> row, Object... parameters) {
        return query(sql, result -> firstRow(result, row), parameters);
    }

    /** Every row of a query. */
    public <T> List<T> list(String sql, Row<T> row, Object... parameters) {
        return query(sql, result -> all(result, row), parameters);
    }

    private static <T> List<T> all(ResultSet result, Row<T> row) throws SQLException {
        List<T> rows = new ArrayList<>();
        while (result.next()) {
            rows.add(row.read(result));
        }
        return rows;
    }

    /**
     * Every row of a query that may run up to {@code longest}: a job's statement over a whole table, past the
     * pool's statement timeout (set on each statement) and the driver's network timeout (how long it waits
     * for the database's first byte), both of which bound requests to seconds. The connection's network
     * timeout is restored afterwards; a driver that has none (H2 embedded) is left as it is.
     */
    public <T> List<T> listLongRunning(Duration longest, String sql, Row<T> row, Object... parameters) {
        // a minute more on the wire than the statement may take; both within an int of milliseconds
        int seconds = (int) Math.min(Math.max(1, longest.toSeconds()), Integer.MAX_VALUE / 1000 - 60);
        return withConnection(sql, connection -> {
            int network = networkTimeout(connection);
            boolean widened = network > 0 && setNetworkTimeout(connection, (seconds + 60) * 1000);
            try (PreparedStatement statement = prepare(connection, sql, parameters)) {
                statement.setQueryTimeout(seconds);
                try (ResultSet result = statement.executeQuery()) {
                    return all(result, row);
                }
            } finally {
                if (widened) {
                    setNetworkTimeout(connection, network);
                }
            }
        });
    }

    private static int networkTimeout(Connection connection) {
        try {
            return connection.getNetworkTimeout();
        } catch (SQLException | UnsupportedOperationException unsupported) {
            return 0;
        }
    }

    private static boolean setNetworkTimeout(Connection connection, int millis) {
        try {
            connection.setNetworkTimeout(Runnable::run, millis);
            return true;
        } catch (SQLException | UnsupportedOperationException unsupported) {
            return false;
        }
    }

    private <R> R query(String sql, Row<R> rows, Object[] parameters) {
        return withConnection(sql, connection -> {
            try (PreparedStatement statement = prepare(connection, sql, parameters);
                    ResultSet result = statement.executeQuery()) {
                return rows.read(result);
            }
        });
    }

    private <R> R withConnection(String sql, Work<R> work) {
        try {
            if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
                Connection shared = entityManagerConnection();
                if (shared != null) {
                    return work.on(shared);
                }
            }
            try (Connection connection = dataSource.getConnection()) {
                return work.on(connection);
            }
        } catch (SQLException failed) {
            throw failure(sql, failed);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object[] parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                Object value = parameters[i];
                statement.setObject(i + 1, value instanceof Instant at ? at.atOffset(ZoneOffset.UTC) : value);
            }
            return statement;
        } catch (SQLException | RuntimeException failed) {
            statement.close();
            throw failed;
        }
    }

    // the statement's text names no values; the driver's message (kept as the cause, for logs) may
    private static PersistenceException failure(String sql, SQLException failed) {
        return new PersistenceException("statement failed (SQLState " + failed.getSQLState() + "): " + sql, failed);
    }

    /**
     * The connection of the transaction's entity manager; null where the caller's component cannot reach
     * the persistence unit (a transaction a web module began: the unit belongs to the EJB module), where
     * the pool's handle, enlisted in the same transaction, serves instead.
     */
    private Connection entityManagerConnection() {
        try {
            return entityManager.unwrap(Connection.class);
        } catch (IllegalStateException unreachable) {
            return null;
        }
    }
}

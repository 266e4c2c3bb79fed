package dev.mandate.it.decision;

import static dev.mandate.it.decision.DecisionSetup.envelope;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.it.support.Database;
import dev.mandate.it.support.MandateIT;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A slow or absent database: a lock held elsewhere, or a database that refuses connections, answers 503
 * problem+json with Retry-After within the configured lock timeout (5 s in the test domain), writes
 * nothing, takes readiness DOWN while the database is unreachable, and recovers without a restart. More
 * requests wait at once than Payara's default 5 HTTP workers.
 */
class DatabaseOutageIT extends MandateIT {

    private static final String URL = System.getProperty("mandate.it.jdbc-url");
    private static final String DATABASE = URL.replaceAll(".*/([a-z_0-9]+)\\?.*", "$1");
    private static final String MAINTENANCE = URL.replace("/" + DATABASE + "?", "/postgres?");
    private static final int CLIENTS = 12;

    private final DecisionSetup setup = new DecisionSetup();
    private final String agent = setup.agent("AUTONOMOUS");

    private Response decide() {
        return setup.submit("AUTONOMOUS", envelope(agent, "pay-invoice", "erp", "match_po", Map.of()));
    }

    private static void assertUnavailable(Response response) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(503);
        assertThat(response.header("Retry-After")).isEqualTo("5");
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat((String) response.path("type")).isEqualTo("urn:mandate:problem:unavailable");
    }

    @Test
    void aLockHeldOnAHotTableAnswers503WithinTheLockTimeoutAndWritesNothing() throws Exception {
        assertThat(decide().statusCode()).isEqualTo(200);
        long envelopes = Database.rows("envelope", setup.tenant);
        long records = Database.rows("audit_record", setup.tenant);
        long started;
        List<Response> answers;
        try (Connection holder = DriverManager.getConnection(URL)) {
            holder.setAutoCommit(false);
            try (Statement statement = holder.createStatement()) {
                statement.execute("lock table audit_chain in exclusive mode");
            }
            started = System.nanoTime();
            answers = atOnce(CLIENTS, i -> decide());
            // the server still serves while its requests wait on the database
            anonymous().get("/health/live").then().statusCode(200);
            holder.rollback();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        answers.forEach(DatabaseOutageIT::assertUnavailable);
        assertThat(took)
                .as("%d requests, each waiting at most the 5 s lock timeout", CLIENTS)
                .isLessThan(Duration.ofSeconds(20));
        assertThat(Database.rows("envelope", setup.tenant)).isEqualTo(envelopes);
        assertThat(Database.rows("audit_record", setup.tenant)).isEqualTo(records);
        assertThat(decide().statusCode()).isEqualTo(200);
    }

    @Test
    void anAbsentDatabaseAnswers503AndReadinessIsDownThenBothRecoverWithoutARestart() throws Exception {
        assertThat(decide().statusCode()).isEqualTo(200);
        List<Response> answers;
        Response readiness;
        try {
            maintenance("alter database " + DATABASE + " allow_connections false");
            maintenance("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + DATABASE
                    + "' and pid <> pg_backend_pid()");
            answers = atOnce(CLIENTS, i -> decide());
            readiness = anonymous().get("/health/ready");
        } finally {
            maintenance("alter database " + DATABASE + " allow_connections true");
        }
        answers.forEach(DatabaseOutageIT::assertUnavailable);
        assertThat(readiness.statusCode()).isEqualTo(503);
        assertThat(readiness.asString()).contains("\"name\":\"mandate\"").contains("\"status\":\"DOWN\"");

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int status = 0;
        while (status != 200 && System.nanoTime() < deadline) {
            status = decide().statusCode();
            if (status != 200) {
                assertThat(status).isEqualTo(503);
                Thread.sleep(500);
            }
        }
        assertThat(status).as("a decision once the database is back").isEqualTo(200);
        anonymous().get("/health/ready").then().statusCode(200);
    }

    private static void maintenance(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(MAINTENANCE);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private interface Call {
        Response run(int index);
    }

    private static List<Response> atOnce(int n, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<Response> task = () -> {
                    start.await();
                    return call.run(index);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> future : futures) {
                responses.add(future.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}

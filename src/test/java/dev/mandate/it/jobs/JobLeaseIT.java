package dev.mandate.it.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.it.support.Database;
import dev.mandate.it.support.MandateIT;
import dev.mandate.jobs.execution.control.JobLeases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Two servers sharing the database fire for the same scheduled slot at once: exactly one of them takes its
 * lease, on the real PostgreSQL, whatever the interleaving; and a server that dies before committing its
 * lease leaves the slot to the other.
 */
class JobLeaseIT extends MandateIT {

    @Test
    void ofTwoServersRacingForASlotExactlyOneTakesIt() throws Exception {
        String tenant = newTenant();
        Instant first = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        ExecutorService servers = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                Instant slot = first.plus(round, ChronoUnit.MINUTES);
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<Boolean>> took = new ArrayList<>();
                for (String server : List.of("server-a@h/1", "server-b@h/2")) {
                    took.add(servers.submit(() -> race(together, tenant, slot, server)));
                }
                List<Boolean> results = new ArrayList<>();
                for (Future<Boolean> result : took) {
                    results.add(result.get());
                }
                assertThat(results).as("round %d", round).containsExactlyInAnyOrder(true, false);
                assertThat(Database.count(
                                "select count(*) from job_lease where job_name = 'agent-census' and tenant_id = ?"
                                        + " and slot = ?",
                                tenant,
                                Timestamp.from(slot)))
                        .isEqualTo(1);
            }
        } finally {
            servers.shutdownNow();
        }
        assertThat(Database.rows("job_lease", tenant)).isEqualTo(20);
    }

    @Test
    void aServerThatDiesBeforeCommittingItsLeaseLeavesTheSlotToTheOther() throws SQLException {
        String tenant = newTenant();
        Instant slot = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        try (Connection dying = Database.transaction()) {
            assertThat(JobLeases.take(dying, "agent-census", tenant, slot, "dying@h/1", Instant.now()))
                    .isTrue();
            dying.rollback();
        }
        try (Connection survivor = Database.transaction()) {
            assertThat(JobLeases.take(survivor, "agent-census", tenant, slot, "survivor@h/2", Instant.now()))
                    .isTrue();
            survivor.commit();
        }
        try (Connection late = Database.transaction()) {
            assertThat(JobLeases.take(late, "agent-census", tenant, slot, "late@h/3", Instant.now()))
                    .isFalse();
            late.rollback();
        }
        assertThat(Database.text("select server_id from job_lease where tenant_id = ?", tenant))
                .isEqualTo("survivor@h/2");
    }

    /** One server's attempt, in its own transaction, committed after a moment so the other one waits for it. */
    private static boolean race(CyclicBarrier together, String tenant, Instant slot, String server) throws Exception {
        try (Connection connection = Database.transaction()) {
            together.await();
            boolean took = JobLeases.take(connection, "agent-census", tenant, slot, server, Instant.now());
            if (took) {
                Thread.sleep(20);
                connection.commit();
            } else {
                connection.rollback();
            }
            return took;
        }
    }
}

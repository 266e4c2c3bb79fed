package dev.mandate.it.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.it.support.Asadmin;
import dev.mandate.it.support.Fixtures;
import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Audited writes in parallel: every chain stays valid and gapless. */
class AuditConcurrencyIT extends MandateIT {

    private static final Logger LOG = Logger.getLogger(AuditConcurrencyIT.class.getName());

    private final String tenant = newTenant();
    private final String admin = Tokens.admin(tenant);

    @Test
    void fortyConcurrentWritesOfDifferentAgentsProduceValidChains() throws Exception {
        long start = System.nanoTime();
        List<Integer> statuses = race(40, i -> as(admin)
                .body(Map.of("name", "parallel-" + i, "sponsor", "s"))
                .post("/api/v1/agents")
                .statusCode());
        long millis = (System.nanoTime() - start) / 1_000_000;
        LOG.info(() -> "40 concurrent audited agent creations took " + millis + " ms");
        assertThat(statuses).containsOnly(201);

        JsonPath verification = AuditSupport.verify(admin);
        assertThat(verification.getBoolean("valid")).as(verification.prettify()).isTrue();
        assertThat(verification.getLong("recordsChecked")).isEqualTo(40);
        assertThat(verification.getInt("chains"))
                .as("agents spread over several chains")
                .isGreaterThan(1);
        List<Map<String, Object>> records = AuditSupport.records(admin, null);
        assertThat(records).hasSize(40);
        AuditSupport.assertGaplessChains(records);
    }

    @Test
    void oneChainPerTenantAlsoStaysValidAndIsWhatShardingAvoids() throws Exception {
        Asadmin.setProperty("mandate.audit.shards", "1");
        try {
            String single = newTenant();
            String singleAdmin = Tokens.admin(single);
            long start = System.nanoTime();
            List<Integer> statuses = race(40, i -> as(singleAdmin)
                    .body(Map.of("name", "serial-" + i, "sponsor", "s"))
                    .post("/api/v1/agents")
                    .statusCode());
            long millis = (System.nanoTime() - start) / 1_000_000;
            LOG.info(() -> "40 concurrent audited agent creations with ONE chain per tenant took " + millis + " ms");
            assertThat(statuses).containsOnly(201);
            JsonPath verification = AuditSupport.verify(singleAdmin);
            assertThat(verification.getBoolean("valid")).isTrue();
            assertThat(verification.getInt("chains")).isEqualTo(1);
            AuditSupport.assertGaplessChains(AuditSupport.records(singleAdmin, null));
        } finally {
            Asadmin.setProperty("mandate.audit.shards", "8");
        }
    }

    @Test
    void concurrentWritesAboutOneAgentQueueOnItsChainWithoutGaps() throws Exception {
        Fixtures.Created agent = Fixtures.agent(admin, "popular");
        List<String> roles = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            roles.add(Fixtures.role(admin, "role-" + i, false).id());
        }
        List<Integer> statuses = race(20, i -> as(admin)
                .body(Map.of("principalType", "AGENT", "principal", agent.id()))
                .post("/api/v1/roles/" + roles.get(i) + "/assignments")
                .statusCode());
        assertThat(statuses).containsOnly(201);
        List<Map<String, Object>> ofAgent = AuditSupport.records(admin, agent.id());
        assertThat(ofAgent)
                .extracting(r -> r.get("chain"))
                .containsOnly(ofAgent.get(0).get("chain"));
        assertThat(ofAgent).hasSize(21);
        AuditSupport.assertGaplessChains(AuditSupport.records(admin, null));
        AuditSupport.seal(admin);
        assertThat(AuditSupport.verify(admin).getBoolean("valid")).isTrue();
    }

    private static List<Integer> race(int clients, IntFunction<Integer> client) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                int index = i;
                Callable<Integer> task = () -> {
                    start.await();
                    return client.apply(index);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> future : futures) {
                statuses.add(future.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}

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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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

    /**
     * Verification reads one snapshot: records appended and chains sealed while it runs are either wholly
     * in it or wholly after it, so it never reports a false TRUNCATED or INSERTED.
     */
    @Test
    void verificationWhileAppendsAndSealsRunIsAlwaysValid() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger appended = new AtomicInteger();
        AtomicInteger sealed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> load = new ArrayList<>();
        try {
            for (int t = 0; t < 3; t++) {
                int thread = t;
                load.add(pool.submit(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        int status = as(admin)
                                .body(Map.of("name", "load-" + thread + "-" + i, "sponsor", "s"))
                                .post("/api/v1/agents")
                                .statusCode();
                        assertThat(status).isEqualTo(201);
                        appended.incrementAndGet();
                    }
                    return null;
                }));
            }
            load.add(pool.submit(() -> {
                while (!stop.get()) {
                    AuditSupport.seal(admin);
                    sealed.incrementAndGet();
                }
                return null;
            }));
            long until = System.nanoTime() + 20_000_000_000L;
            int verifications = 0;
            while (System.nanoTime() < until) {
                JsonPath verification = AuditSupport.verify(admin);
                assertThat(verification.getBoolean("valid"))
                        .as(
                                "verification %d with %d appends and %d seals so far: %s",
                                verifications, appended.get(), sealed.get(), verification.prettify())
                        .isTrue();
                verifications++;
            }
            stop.set(true);
            for (Future<?> future : load) {
                future.get();
            }
            int count = verifications;
            LOG.info(() -> count + " verifications, all valid, during " + appended.get() + " appends and "
                    + sealed.get() + " seals");
            assertThat(verifications).isGreaterThan(5);
            assertThat(sealed.get()).isGreaterThan(5);
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
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

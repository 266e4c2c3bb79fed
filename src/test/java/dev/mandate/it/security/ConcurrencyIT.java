package dev.mandate.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.it.support.Fixtures;
import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Races decided by the database, not by luck: one winner, everyone else a precise 4xx. */
class ConcurrencyIT extends MandateIT {

    private static final int CLIENTS = 12;
    private final String tenant = newTenant();
    private final String admin = Tokens.admin(tenant);

    @Test
    void concurrentWritesWithTheSameETagHaveExactlyOneWinner() throws Exception {
        Fixtures.Created agent = Fixtures.agent(admin, "contended");
        List<Integer> statuses = race(i -> as(admin)
                .header("If-Match", agent.etag())
                .body(Map.of("name", "contended", "sponsor", "writer-" + i))
                .put("/api/v1/agents/" + agent.id())
                .statusCode());
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s != 200).allMatch(s -> s == 412);
    }

    @Test
    void concurrentCreatesOfOneNameHaveExactlyOneWinner() throws Exception {
        List<Integer> statuses = race(i -> as(admin)
                .body(Map.of("name", "twin", "sponsor", "s"))
                .post("/api/v1/agents")
                .statusCode());
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s != 201).allMatch(s -> s == 409);
    }

    @Test
    void concurrentFirstWritesOfANewTenantAllSucceed() throws Exception {
        String fresh = newTenant();
        String freshAdmin = Tokens.admin(fresh);
        List<Integer> statuses = race(i -> as(freshAdmin)
                .body(Map.of("name", "first-" + i, "sponsor", "s"))
                .post("/api/v1/agents")
                .statusCode());
        assertThat(statuses).containsOnly(201);
    }

    @Test
    void concurrentChangesOfOneBudgetEachSucceedOrAskForARetry() throws Exception {
        Map<String, Object> budget = Map.of("scope", "TENANT", "period", "DAY", "maxCost", 100);
        as(admin).body(budget).put("/api/v1/budgets").then().statusCode(200);
        List<Integer> statuses = race(i -> as(admin)
                .body(Map.of("scope", "TENANT", "period", "DAY", "maxCost", 200 + i))
                .put("/api/v1/budgets")
                .statusCode());
        assertThat(statuses).contains(200);
        assertThat(statuses).allMatch(s -> s == 200 || s == 409);
    }

    @Test
    void concurrentFlipsOfOneKillSwitchEachSucceedOrAskForARetry() throws Exception {
        as(admin)
                .body(Map.of("scope", "TENANT", "active", false, "reason", "setup"))
                .put("/api/v1/kill-switches")
                .then()
                .statusCode(200);
        List<Integer> statuses = race(i -> as(admin)
                .body(Map.of("scope", "TENANT", "active", i % 2 == 0, "reason", "flip " + i))
                .put("/api/v1/kill-switches")
                .statusCode());
        assertThat(statuses).contains(200);
        assertThat(statuses).allMatch(s -> s == 200 || s == 409);
    }

    private interface Client {
        int call(int index);
    }

    private static List<Integer> race(Client client) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                int index = i;
                Callable<Integer> task = () -> {
                    start.await();
                    return client.call(index);
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

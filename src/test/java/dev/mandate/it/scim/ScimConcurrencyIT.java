package dev.mandate.it.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;

import dev.mandate.it.support.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Races an identity provider causes: parallel duplicate creates, parallel member adds to one group. */
class ScimConcurrencyIT extends ScimIT {

    @Test
    void twentyParallelCreatesOfOneUserNameGiveOne201AndNineteen409() throws Exception {
        String tenant = newTenant();
        String token = provisioner(tenant);
        createUser(token, "seed-" + tenant); // the tenant exists before the race
        List<Integer> statuses = race(20, i -> scim(token)
                .body(userJson("Racer", "a@example.com")
                        .replace("ext-Racer", "ext-" + i)
                        .replace("\"userName\":\"Racer\"", "\"userName\":\"" + (i % 2 == 0 ? "racer" : "RACER") + "\""))
                .post("/Users")
                .statusCode());
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(19);
        assertThat(Database.count("select count(*) from agent where tenant_id = ? and name_lower = 'racer'", tenant))
                .isEqualTo(1);
    }

    @Test
    void twentyParallelMemberAddsToOneGroupLoseNone() throws Exception {
        String token = provisioner(newTenant());
        String group = createGroup(token, "crowd");
        List<String> agents = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            agents.add(createUser(token, "crowd-" + i));
        }
        List<Integer> statuses = race(20, i -> scim(token)
                .body(patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + agents.get(i) + "\"}]}"))
                .patch("/Groups/" + group)
                .statusCode());
        assertThat(statuses).containsOnly(204);
        scim(token).get("/Groups/" + group).then().body("members", hasSize(20));
    }

    private static List<Integer> race(int n, IndexedCall call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<Integer> task = () -> {
                    start.await();
                    return call.run(index);
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

    @FunctionalInterface
    interface IndexedCall {
        int run(int index);
    }
}

package dev.mandate.it.h2;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * On the quick start's H2 too, verification reads one snapshot (H2's SNAPSHOT isolation): while agents
 * are created (each an audit append) and chains are sealed, every verification is valid.
 */
class AuditVerificationOnH2IT {

    private static final String BASE = System.getProperty("mandate.it.h2.base-url", "http://127.0.0.1:29080");

    private final String tenant = "h2-" + UUID.randomUUID().toString().substring(0, 13);
    private final String admin = token();

    private String token() {
        return RestAssured.given()
                .baseUri(BASE)
                .contentType("application/json")
                .body(Map.of("subject", "admin@" + tenant, "groups", List.of("mandate-admin"), "tenant", tenant))
                .post("/api/v1/dev/tokens")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    private RequestSpecification as() {
        return RestAssured.given()
                .baseUri(BASE)
                .contentType("application/json")
                .header("Authorization", "Bearer " + admin);
    }

    @Test
    void verificationWhileAppendsAndSealsRunIsAlwaysValid() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger appended = new AtomicInteger();
        AtomicInteger sealed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<?>> load = new ArrayList<>();
        try {
            for (int t = 0; t < 2; t++) {
                int thread = t;
                load.add(pool.submit(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        Response created = as().body(Map.of("name", "h2-load-" + thread + "-" + i, "sponsor", "s"))
                                .post("/api/v1/agents");
                        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
                        appended.incrementAndGet();
                    }
                    return null;
                }));
            }
            load.add(pool.submit(() -> {
                while (!stop.get()) {
                    Response seal = as().post("/api/v1/audit/checkpoints");
                    assertThat(seal.statusCode()).as(seal.asString()).isEqualTo(200);
                    sealed.incrementAndGet();
                }
                return null;
            }));
            long until = System.nanoTime() + 15_000_000_000L;
            int verifications = 0;
            while (System.nanoTime() < until) {
                Response response = as().get("/api/v1/audit/verify");
                assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
                JsonPath verification = response.jsonPath();
                assertThat(verification.getBoolean("valid"))
                        .as(
                                "verification %d after %d appends, %d seals: %s",
                                verifications, appended.get(), sealed.get(), verification.prettify())
                        .isTrue();
                verifications++;
            }
            stop.set(true);
            for (Future<?> future : load) {
                future.get();
            }
            assertThat(verifications).isGreaterThan(5);
            assertThat(sealed.get()).isGreaterThan(5);
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
    }
}

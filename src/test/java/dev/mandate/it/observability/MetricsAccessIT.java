package dev.mandate.it.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} holds every tenant's names, tools and costs: the test domain guards it as production does
 * ({@code mandate.metrics.scraper}, checked by Mandate's own filter in front of Payara's endpoint), and only
 * the scraper reads it. Everyone else gets 401 with a Basic challenge and nothing of the figures, whatever
 * they send.
 */
class MetricsAccessIT extends MandateIT {

    @Test
    void onlyTheScraperReadsTheMetrics() {
        Response scraped = Scrape.asScraper().accept("text/plain").get("/metrics?scope=application");
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.asString()).contains("# TYPE mandate_");

        String tenant = newTenant();
        String scraperUser = Scrape.user();
        List<RequestSpecification> refused = List.of(
                anonymous(),
                anonymous().auth().preemptive().basic(scraperUser, "not-the-password"),
                anonymous().auth().preemptive().basic(scraperUser, ""),
                anonymous().auth().preemptive().basic("admin", "admin"),
                anonymous().auth().preemptive().basic(scraperUser.toUpperCase(), Scrape.password()),
                anonymous().auth().preemptive().basic("", Scrape.password()),
                anonymous().auth().preemptive().basic(scraperUser, Scrape.password() + "x"),
                anonymous().auth().preemptive().basic(scraperUser, Scrape.password() + "\u0000"),
                anonymous().header("Authorization", "Basic " + "A".repeat(5000)),
                anonymous().auth().preemptive().basic("nobody\u0000" + scraperUser, "x"),
                anonymous().header("Authorization", "Bearer " + Tokens.admin(tenant)),
                anonymous().header("Authorization", "Basic %%%not-base64%%%"));
        for (RequestSpecification request : refused) {
            for (String path :
                    List.of("/metrics", "/metrics?scope=application", "/metrics/application", "/metrics/base")) {
                Response response = request.accept("text/plain").get(path);
                assertThat(response.statusCode())
                        .as("%s: %s", path, response.asString())
                        .isEqualTo(401);
                assertThat(response.header("WWW-Authenticate")).startsWith("Basic realm=");
                assertNoFigures(response, path, tenant);
            }
            // the same endpoint spelled otherwise: refused one way or another, never served
            for (String path :
                    List.of("/metrics/", "/metrics;x=1", "/metrics/base/../application", "/metrics/%2e%2e/metrics")) {
                Response response = request.accept("text/plain").get(path);
                assertThat(response.statusCode())
                        .as("%s: %s", path, response.asString())
                        .isBetween(400, 499);
                assertNoFigures(response, path, tenant);
            }
        }
    }

    @Test
    void manyClientsAtOnceEachGetTheirOwnAnswer() {
        // scraper and strangers interleaved on parallel connections: nothing of one request leaks into another
        List<Integer> statuses = IntStream.range(0, 64)
                .parallel()
                .mapToObj(i -> (i % 2 == 0
                                ? Scrape.asScraper()
                                : anonymous().auth().preemptive().basic(Scrape.user(), "x" + i))
                        .accept("text/plain")
                        .get("/metrics?scope=application")
                        .statusCode())
                .toList();
        for (int i = 0; i < statuses.size(); i++) {
            assertThat(statuses.get(i)).as("request %d", i).isEqualTo(i % 2 == 0 ? 200 : 401);
        }
    }

    private static void assertNoFigures(Response response, String path, String tenant) {
        assertThat(response.asString()).as(path).doesNotContain("mandate_").doesNotContain(tenant);
    }
}

package dev.mandate.it.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.mandate.it.execution.StubToolServer;
import dev.mandate.it.support.Asadmin;
import dev.mandate.it.support.MandateIT;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} after known traffic: counters moved by exactly what was sent, per outcome, tool and
 * tenant; latency histograms with their counts; the queue gauges matching the approvals and escalations
 * opened; the series cap folding new tool keys into {@code other}; no id, argument or free text in it.
 */
class MetricsIT extends MandateIT {

    private static final String DECISIONS = "mandate_decisions_total";
    private static final String DECISION_COUNT = "mandate_decision_duration_seconds_count";

    private static StubToolServer stub;

    @BeforeAll
    static void start() {
        stub = StubToolServer.start();
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    @Test
    void countersMoveByExactlyWhatWasSentPerOutcomeToolAndTenant() {
        Map<String, String> tools = new LinkedHashMap<>();
        tools.put("alpha", "WRITE");
        tools.put("beta", "WRITE");
        tools.put("gamma", "MONEY_MOVEMENT");
        tools.put("delta", "WRITE");
        tools.put("flaky", "WRITE");
        ObservedTenant t = new ObservedTenant(stub, tools, List.of("alpha", "gamma", "flaky"));
        t.killSwitch("beta");
        t.escalating("delta");
        String argument = "ARG-" + UUID.randomUUID();
        String reasoning = "FREE-TEXT-" + UUID.randomUUID();
        Scrape before = Scrape.now();

        List<Response> answers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            answers.add(t.submit("alpha", Map.of("note", argument), reasoning, null));
        }
        answers.add(t.submit("beta"));
        answers.add(t.submit("beta"));
        Response approval = t.submit("gamma");
        Response escalation = t.submit("delta");
        stub.tool("flaky").failNext(2, 503);
        Response flaky = t.submit("flaky");
        answers.addAll(List.of(approval, escalation, flaky));
        for (Response answer : answers.subList(0, 3)) {
            t.awaitExecution(answer.path("envelopeId"), "SUCCEEDED");
        }
        t.awaitExecution(flaky.path("envelopeId"), "SUCCEEDED");
        Scrape after = Scrape.now();

        String tenant = t.tenant;
        assertThat(after.value(
                        DECISIONS, "tenant", tenant, "tool", "alpha", "task_type", "ops-task", "outcome", "ALLOW"))
                .isEqualTo(3);
        assertThat(after.value(DECISIONS, "tenant", tenant, "tool", "beta", "outcome", "DENY"))
                .isEqualTo(2);
        assertThat(after.value(DECISIONS, "tenant", tenant, "tool", "gamma", "outcome", "REQUIRE_APPROVAL"))
                .isEqualTo(1);
        assertThat(after.value(DECISIONS, "tenant", tenant, "tool", "delta", "outcome", "ESCALATE"))
                .isEqualTo(1);
        assertThat(after.value(DECISIONS, "tenant", tenant, "tool", "flaky", "outcome", "ALLOW"))
                .isEqualTo(1);
        assertThat(after.value(DECISIONS, "tenant", tenant)).isEqualTo(8);

        // the latency histograms: counts moved with the decisions, buckets cumulative up to +Inf
        assertThat(after.value(DECISION_COUNT, "outcome", "ALLOW") - before.value(DECISION_COUNT, "outcome", "ALLOW"))
                .isEqualTo(4);
        assertThat(after.value(DECISION_COUNT, "outcome", "DENY") - before.value(DECISION_COUNT, "outcome", "DENY"))
                .isEqualTo(2);
        assertCumulative(after, "mandate_decision_duration_seconds", "outcome", "ALLOW");
        assertThat(after.value("mandate_decision_duration_seconds_sum", "outcome", "ALLOW"))
                .isGreaterThan(before.value("mandate_decision_duration_seconds_sum", "outcome", "ALLOW"));
        assertThat(after.value("mandate_tool_call_duration_seconds_count", "tool", "flaky")
                        - before.value("mandate_tool_call_duration_seconds_count", "tool", "flaky"))
                .isEqualTo(3);
        assertCumulative(after, "mandate_tool_call_duration_seconds", "tool", "flaky");

        // executions, attempts, retries, tool errors, circuits, cost
        assertThat(after.value("mandate_executions_total", "tenant", tenant, "tool", "alpha", "outcome", "SUCCEEDED"))
                .isEqualTo(3);
        assertThat(after.value("mandate_executions_total", "tenant", tenant, "tool", "flaky", "outcome", "SUCCEEDED"))
                .isEqualTo(1);
        assertThat(after.value("mandate_executions_total", "tenant", tenant)).isEqualTo(4);
        assertThat(after.value(
                        "mandate_execution_attempts_total", "tenant", tenant, "tool", "flaky", "result", "RETRYABLE"))
                .isEqualTo(2);
        assertThat(after.value(
                        "mandate_execution_attempts_total", "tenant", tenant, "tool", "flaky", "result", "SUCCEEDED"))
                .isEqualTo(1);
        assertThat(after.value("mandate_execution_retries_total", "tenant", tenant, "tool", "flaky"))
                .isEqualTo(2);
        assertThat(after.value("mandate_tool_errors_total", "tenant", tenant, "tool", "flaky"))
                .isEqualTo(2);
        assertThat(after.value("mandate_tool_errors_total", "tenant", tenant, "tool", "alpha"))
                .isZero();
        assertThat(after.matching("mandate_circuit_state", "tenant", tenant, "tool", "flaky"))
                .singleElement()
                .satisfies(s -> assertThat(s.value()).isZero());
        assertThat(after.value("mandate_cost_total", "tenant", tenant, "source", "model"))
                .isCloseTo(2.0, within(1e-9));

        // the queues, read from the database
        Scrape queues = awaitScrape(s -> s.value("mandate_approvals_pending", "tenant", tenant) == 1
                && s.value("mandate_escalations_open", "tenant", tenant) == 1);
        assertThat(queues.value("mandate_approvals_overdue", "tenant", tenant)).isZero();
        assertThat(queues.value("mandate_approvals_oldest_age_seconds", "tenant", tenant))
                .isGreaterThanOrEqualTo(0);
        assertThat(queues.value("mandate_escalations_oldest_age_seconds", "tenant", tenant))
                .isGreaterThanOrEqualTo(0);
        assertThat(queues.value("mandate_queues_read_age_seconds")).isLessThan(60);

        t.approve(approval);
        Scrape approved = awaitScrape(s -> s.value("mandate_approvals_pending", "tenant", tenant) == 0);
        assertThat(approved.value("mandate_approvals_decided_total", "tenant", tenant, "outcome", "APPROVED"))
                .isEqualTo(1);
        assertThat(approved.value("mandate_escalations_open", "tenant", tenant)).isEqualTo(1);

        // nothing unbounded or secret: no agent, envelope, task or approval id, no argument, no free text
        Set<String> forbidden = new HashSet<>(List.of(t.agent, argument, reasoning, ObservedTenant.APPROVER));
        answers.forEach(a -> forbidden.add(a.path("envelopeId")));
        forbidden.add(approval.path("approval.id"));
        forbidden.add(escalation.path("escalation.id"));
        forbidden.add(t.admin);
        assertThat(approved.text()).doesNotContain(forbidden);
        assertThat(approved.samples().stream()
                        .flatMap(s -> s.labels().keySet().stream())
                        .distinct())
                .allMatch(label -> Set.of(
                                "tenant",
                                "tool",
                                "task_type",
                                "outcome",
                                "result",
                                "source",
                                "queue",
                                "job",
                                "cache",
                                "period",
                                "le",
                                "mp_scope",
                                "mp_app")
                        .contains(label));
    }

    @Test
    void theSeriesCapFoldsNewToolKeysIntoOther() {
        Map<String, String> tools = new LinkedHashMap<>();
        IntStream.range(0, 12).forEach(i -> tools.put(String.format("many-%02d", i), "READ"));
        ObservedTenant t = new ObservedTenant(stub, tools, List.of());
        Scrape before = Scrape.now();
        long own = before.matching(DECISIONS).stream()
                .filter(s -> !s.labels().get("tenant").equals("other"))
                .count();
        double other = before.value(DECISIONS, "tenant", "other", "tool", "other", "outcome", "ALLOW");
        Asadmin.setProperty("mandate.metrics.max-series", Long.toString(own + 4));
        try {
            tools.keySet().forEach(t::submit);
        } finally {
            Asadmin.removeProperty("mandate.metrics.max-series");
        }
        Scrape after = Scrape.now();

        assertThat(after.matching(DECISIONS, "tenant", t.tenant)).hasSize(4);
        assertThat(after.value(DECISIONS, "tenant", t.tenant)).isEqualTo(4);
        assertThat(after.value(DECISIONS, "tenant", "other", "tool", "other", "task_type", "other", "outcome", "ALLOW")
                        - other)
                .isEqualTo(8);
        assertThat(after.matching(DECISIONS)).hasSizeLessThanOrEqualTo((int) own + 5);
        long named = tools.keySet().stream()
                .filter(tool -> after.text().contains("\"" + tool + "\""))
                .count();
        assertThat(named).isEqualTo(4);
    }

    private static void assertCumulative(Scrape scrape, String histogram, String label, String value) {
        List<Scrape.Sample> buckets = new ArrayList<>(scrape.matching(histogram + "_bucket", label, value));
        assertThat(buckets).hasSizeGreaterThan(5);
        buckets.sort((a, b) -> Double.compare(bound(a), bound(b)));
        for (int i = 1; i < buckets.size(); i++) {
            assertThat(buckets.get(i).value())
                    .isGreaterThanOrEqualTo(buckets.get(i - 1).value());
        }
        assertThat(buckets.get(buckets.size() - 1).labels()).containsEntry("le", "+Inf");
        assertThat(buckets.get(buckets.size() - 1).value()).isEqualTo(scrape.value(histogram + "_count", label, value));
    }

    private static double bound(Scrape.Sample bucket) {
        String le = bucket.labels().get("le");
        return le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
    }

    private static Scrape awaitScrape(Predicate<Scrape> wanted) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        Scrape scrape = Scrape.now();
        while (!wanted.test(scrape)) {
            assertThat(Instant.now())
                    .as("the gauges did not get there:\n%s", scrape.text())
                    .isBefore(deadline);
            ObservedTenant.sleep(500);
            scrape = Scrape.now();
        }
        return scrape;
    }
}

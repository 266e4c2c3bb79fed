package dev.mandate.metrics.control;

import dev.mandate.platform.cache.Caches;
import dev.mandate.platform.config.ConfigKey;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Mandate's application metrics at {@code /metrics} (MicroProfile Metrics, Payara's registry). Every
 * series is made once per set of label values and kept ({@link Series}), so recording is a map lookup and
 * an add, with no registry lookup or name building per request. Labels never carry ids of envelopes, tasks
 * or agents; tenants, tools, task types and jobs are capped per metric by {@code mandate.metrics.max-series}.
 */
@ApplicationScoped
public class MandateMetrics {

    /** Around the decision path's targets (p50 3 ms, p99 20 ms), in seconds. */
    static final double[] DECISION_BOUNDS = {
        0.0005, 0.001, 0.0015, 0.002, 0.003, 0.004, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.05, 0.1, 0.25, 1
    };

    /** Tool calls, from a few milliseconds to the longest connector timeouts, in seconds. */
    static final double[] TOOL_BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

    private static final boolean[] TENANT_TOOL_TYPE_OUTCOME = {true, true, true, false};
    private static final boolean[] TENANT_TOOL_OUTCOME = {true, true, false};
    private static final boolean[] TENANT_TOOL = {true, true};
    private static final boolean[] TENANT_ONE = {true, false};
    private static final boolean[] ONE = {false};
    private static final boolean[] FREE = {true};

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry registry;

    private Series<Counter> decisions;
    private Series<Counter> rejected;
    private Series<Counter> replayed;
    private Series<LatencyHistogram> decisionLatency;
    private Series<DoubleAdder> cost;
    private Series<Counter> executions;
    private Series<Counter> attempts;
    private Series<Counter> retries;
    private Series<Counter> toolErrors;
    private Series<LatencyHistogram> toolLatency;
    private Series<AtomicInteger> circuits;
    private Series<Counter> approvalsDecided;
    private Series<Counter> slaBreaches;
    private Series<Counter> jobRuns;
    private final Set<String> gaugedCaches = ConcurrentHashMap.newKeySet();

    @PostConstruct
    void register() {
        IntSupplier cap = () -> ConfigKey.METRICS_MAX_SERIES.get(Integer.class);
        decisions = counters(
                cap,
                "mandate_decisions",
                "Envelopes decided, by outcome",
                TENANT_TOOL_TYPE_OUTCOME,
                "tenant",
                "tool",
                "task_type",
                "outcome");
        rejected = counters(cap, "mandate_envelopes_rejected", "Envelopes refused before a decision", FREE, "tenant");
        replayed = counters(
                cap, "mandate_envelopes_replayed", "Envelopes answered from their idempotency key", FREE, "tenant");
        decisionLatency = histograms(
                cap,
                "mandate_decision_duration_seconds",
                "Time from an envelope's arrival at the decision path to its committed decision",
                DECISION_BOUNDS,
                ONE,
                "outcome");
        cost = new Series<>(cap, TENANT_ONE, labels -> {
            DoubleAdder adder = new DoubleAdder();
            gauge(
                    "mandate_cost_total",
                    "Cost recorded: model usage declared by envelopes, tool calls' prices",
                    adder::sum,
                    labels,
                    "tenant",
                    "source");
            return adder;
        });
        executions = counters(
                cap,
                "mandate_executions",
                "Executions ended, by final status",
                TENANT_TOOL_OUTCOME,
                "tenant",
                "tool",
                "outcome");
        attempts = counters(
                cap,
                "mandate_execution_attempts",
                "Calls and status probes sent to tools, by how they ended",
                TENANT_TOOL_OUTCOME,
                "tenant",
                "tool",
                "result");
        retries = counters(
                cap,
                "mandate_execution_retries",
                "Calls sent again after an earlier attempt",
                TENANT_TOOL,
                "tenant",
                "tool");
        toolErrors = counters(
                cap,
                "mandate_tool_errors",
                "Calls the tool failed (no answer, 408/429/5xx, unreachable)",
                TENANT_TOOL,
                "tenant",
                "tool");
        toolLatency = histograms(
                cap,
                "mandate_tool_call_duration_seconds",
                "Time a tool took to answer a call or probe",
                TOOL_BOUNDS,
                FREE,
                "tool");
        circuits = new Series<>(cap, TENANT_TOOL, labels -> {
            AtomicInteger state = new AtomicInteger();
            gauge(
                    "mandate_circuit_state",
                    "A tool's circuit breaker on this server: 0 closed, 1 half open, 2 open",
                    state::get,
                    labels,
                    "tenant",
                    "tool");
            return state;
        });
        approvalsDecided = counters(
                cap,
                "mandate_approvals_decided",
                "Approval requests decided: APPROVED, REJECTED or EXPIRED",
                TENANT_ONE,
                "tenant",
                "outcome");
        slaBreaches = counters(
                cap,
                "mandate_sla_breaches",
                "Approval requests and escalations past their due time",
                TENANT_ONE,
                "tenant",
                "queue");
        jobRuns = counters(cap, "mandate_job_runs", "Job executions ended, by outcome", TENANT_ONE, "job", "outcome");
        gaugeCaches();
    }

    public void decided(String tenant, String tool, String taskType, String outcome, BigDecimal modelCost, long nanos) {
        decisions.of(tenant, tool, taskType, outcome).inc();
        decisionLatency.of(outcome).observe(nanos);
        if (modelCost != null && modelCost.signum() > 0) {
            cost.of(tenant, "model").add(modelCost.doubleValue());
        }
    }

    public void rejected(String tenant) {
        rejected.of(tenant).inc();
    }

    public void replayed(String tenant) {
        replayed.of(tenant).inc();
    }

    /**
     * One attempt of an execution ended and was recorded.
     *
     * @param result how the tool answered (null when nothing was sent)
     * @param finalStatus the execution's status when it is final, else null
     */
    public void attempt(
            String tenant,
            String tool,
            String result,
            boolean retry,
            boolean toolFailed,
            long toolMillis,
            BigDecimal toolCost,
            String finalStatus) {
        if (result != null) {
            attempts.of(tenant, tool, result).inc();
            toolLatency.of(tool).observe(toolMillis * 1_000_000L);
            if (retry) {
                retries.of(tenant, tool).inc();
            }
            if (toolFailed) {
                toolErrors.of(tenant, tool).inc();
            }
        }
        if (toolCost != null && toolCost.signum() > 0) {
            cost.of(tenant, "tool").add(toolCost.doubleValue());
        }
        if (finalStatus != null) {
            executions.of(tenant, tool, finalStatus).inc();
        }
    }

    /** @param state 0 closed, 1 half open (a trial call under way), 2 open */
    public void circuit(String tenant, String tool, int state) {
        circuits.of(tenant, tool).set(state);
    }

    public void approvalDecided(String tenant, String outcome) {
        approvalsDecided.of(tenant, outcome).inc();
    }

    /** @param queue {@code approval} or {@code escalation} */
    public void slaBreached(String tenant, String queue) {
        slaBreaches.of(tenant, queue).inc();
    }

    public void jobRun(String job, String outcome) {
        jobRuns.of(job, outcome).inc();
    }

    /** Registers a gauge read at every scrape, with these labels. */
    void gauge(String name, String description, Supplier<Number> value, List<String> values, String... labels) {
        registry.gauge(
                Metadata.builder()
                        .withName(name)
                        .withDescription(description)
                        .withUnit(MetricUnits.NONE)
                        .build(),
                value,
                tags(labels, values));
    }

    /** Hit ratio of every cache Mandate has built so far; caches built later are added at the next scrape. */
    void gaugeCaches() {
        for (String name : Caches.stats().keySet()) {
            if (gaugedCaches.add(name)) {
                gauge(
                        "mandate_cache_hit_ratio",
                        "Hits per request of one of Mandate's caches since the start",
                        () -> Caches.stats().get(name).hitRate(),
                        List.of(name),
                        "cache");
                gauge(
                        "mandate_cache_requests",
                        "Requests to one of Mandate's caches since the start",
                        () -> Caches.stats().get(name).requestCount(),
                        List.of(name),
                        "cache");
            }
        }
    }

    int seriesOf(String metric) {
        return switch (metric) {
            case "mandate_decisions" -> decisions.size();
            case "mandate_execution_attempts" -> attempts.size();
            default -> throw new IllegalArgumentException(metric);
        };
    }

    private Series<Counter> counters(
            IntSupplier cap, String name, String description, boolean[] folds, String... labels) {
        Metadata metadata = Metadata.builder()
                .withName(name)
                .withDescription(description)
                .withUnit(MetricUnits.NONE)
                .build();
        return new Series<>(cap, folds, values -> registry.counter(metadata, tags(labels, values)));
    }

    private Series<LatencyHistogram> histograms(
            IntSupplier cap, String name, String description, double[] bounds, boolean[] folds, String... labels) {
        return new Series<>(cap, folds, values -> {
            LatencyHistogram histogram = new LatencyHistogram(bounds);
            String[] withLe = new String[labels.length + 1];
            System.arraycopy(labels, 0, withLe, 0, labels.length);
            withLe[labels.length] = "le";
            for (int i = 0; i < bounds.length; i++) {
                int index = i;
                List<String> bucket = new ArrayList<>(values);
                bucket.add(BigDecimal.valueOf(bounds[i]).toPlainString());
                gauge(
                        name + "_bucket",
                        description + " (observations at most le seconds)",
                        () -> histogram.cumulative(index),
                        bucket,
                        withLe);
            }
            List<String> infinite = new ArrayList<>(values);
            infinite.add("+Inf");
            gauge(
                    name + "_bucket",
                    description + " (observations at most le seconds)",
                    histogram::count,
                    infinite,
                    withLe);
            gauge(name + "_count", description + " (observations)", histogram::count, values, labels);
            gauge(name + "_sum", description + " (seconds in all)", histogram::sum, values, labels);
            return histogram;
        });
    }

    private static Tag[] tags(String[] labels, List<String> values) {
        Tag[] tags = new Tag[labels.length];
        for (int i = 0; i < labels.length; i++) {
            tags[i] = new Tag(labels[i], values.get(i));
        }
        return tags;
    }
}

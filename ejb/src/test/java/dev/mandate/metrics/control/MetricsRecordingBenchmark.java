package dev.mandate.metrics.control;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What recording one decision costs ({@link MandateMetrics#decided}): the counter's series found by its
 * four label values among 2,000, the latency histogram's by its outcome, a bucket searched, the cost
 * added. The registry's counter is a {@link LongAdder} here, as Payara's is. Run as documented in
 * BENCHMARKS.md; not part of the test suite.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 8, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class MetricsRecordingBenchmark {

    private static final String[] OUTCOMES = {"ALLOW", "DENY", "REQUIRE_APPROVAL", "ESCALATE"};

    Series<LongAdder> decisions;
    Series<LatencyHistogram> latency;
    Series<DoubleAdder> cost;
    long n;

    @Setup
    public void fill() {
        decisions = new Series<>(() -> 10_000, new boolean[] {true, true, true, false}, labels -> new LongAdder());
        latency = new Series<>(
                () -> 10_000, new boolean[] {false}, labels -> new LatencyHistogram(MandateMetrics.DECISION_BOUNDS));
        cost = new Series<>(() -> 10_000, new boolean[] {true, false}, labels -> new DoubleAdder());
        for (int tenant = 0; tenant < 20; tenant++) {
            for (int tool = 0; tool < 25; tool++) {
                for (String outcome : OUTCOMES) {
                    decisions.of("tenant-" + tenant, "tool-" + tool, "pay-invoice", outcome);
                }
            }
        }
    }

    @Benchmark
    public void recordDecision() {
        long i = n++;
        String outcome = OUTCOMES[(int) (i & 3)];
        decisions.of("tenant-7", "tool-12", "pay-invoice", outcome).increment();
        latency.of(outcome).observe(1_500_000 + (i & 0xFFFF) * 100);
        cost.of("tenant-7", "model").add(0.02);
    }
}

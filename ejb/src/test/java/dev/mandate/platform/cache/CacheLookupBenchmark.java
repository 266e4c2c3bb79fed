package dev.mandate.platform.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
 * What one hit costs in each shape of cache on the decision path, next to the ConcurrentHashMap every
 * cache used to be: a plain Caffeine read, the named caches (statistics counted), and a Caffeine read
 * with per-entry expiry. Run as documented in BENCHMARKS.md; not part of the test suite.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 8, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class CacheLookupBenchmark {

    private static final int ENTRIES = 1_000;
    private static final String KEY = "key-500";

    record Versioned(String version) {}

    Map<String, Versioned> concurrentHashMap;
    Cache<String, Versioned> caffeine;
    CappedCache<String, Versioned> capped;
    VersionedCache<Versioned> versioned;
    Cache<String, Versioned> expiring;

    @Setup
    public void fill() {
        concurrentHashMap = new ConcurrentHashMap<>();
        caffeine = Caffeine.newBuilder().build();
        capped = new CappedCache<>("benchmark.capped", 10_000);
        versioned = new VersionedCache<>("benchmark.versioned", Versioned::version);
        expiring = Caches.named("benchmark.expiring")
                .expireAfter(Expiry.writing((String key, Versioned value) -> Duration.ofHours(1)))
                .build();
        for (int i = 0; i < ENTRIES; i++) {
            Versioned value = new Versioned("7/3");
            concurrentHashMap.put("key-" + i, value);
            caffeine.put("key-" + i, value);
            capped.keep("key-" + i, value);
            versioned.put("key-" + i, value);
            expiring.put("key-" + i, value);
        }
    }

    @Benchmark
    public Versioned concurrentHashMap() {
        return concurrentHashMap.get(KEY);
    }

    @Benchmark
    public Versioned caffeineWithoutStatistics() {
        return caffeine.getIfPresent(KEY);
    }

    @Benchmark
    public Versioned cappedCache() {
        return capped.get(KEY, key -> null);
    }

    @Benchmark
    public Versioned versionedCache() {
        return versioned.get(KEY, "7/3");
    }

    @Benchmark
    public Versioned expiringCaffeine() {
        return expiring.getIfPresent(KEY);
    }
}

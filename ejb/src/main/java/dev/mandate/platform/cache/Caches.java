package dev.mandate.platform.cache;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import com.github.benmanes.caffeine.cache.stats.ConcurrentStatsCounter;
import com.github.benmanes.caffeine.cache.stats.StatsCounter;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Every in-memory cache of Mandate, by name: each is built here, records its hits, misses and evictions,
 * and {@link #stats()} lists them all. All caches of one name share one set of counters, so a kind of
 * cache made anew for every configuration generation is still one line in the list.
 *
 * <p>Maintenance (expiry, eviction) runs on the thread that uses the cache, in small amortized steps
 * under a try-lock that never waits: Caffeine's default would hand it to the common fork-join pool, whose
 * threads the application server neither manages nor knows of.
 */
public final class Caches {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*");

    /** The registry itself, one entry per name ever used: not a cache. */
    private static final Map<String, StatsCounter> COUNTERS = new ConcurrentHashMap<>();

    private Caches() {}

    /** A builder for a cache of this name ({@code feature.what}, lower case), recording statistics. */
    public static Caffeine<Object, Object> named(String name) {
        StatsCounter counter = counter(name);
        return Caffeine.newBuilder().executor(Runnable::run).recordStats(() -> counter);
    }

    /** Every named cache's statistics since the application started, by name. */
    public static SortedMap<String, CacheStats> stats() {
        SortedMap<String, CacheStats> stats = new TreeMap<>();
        COUNTERS.forEach((name, counter) -> stats.put(name, counter.snapshot()));
        return stats;
    }

    /**
     * The counters the caches of this name record into, for a cache that reads quietly
     * ({@code asMap().get}) and decides itself what a hit is: an entry of another version, or past its time,
     * is a miss.
     */
    public static StatsCounter counter(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a cache name: " + name);
        }
        return COUNTERS.computeIfAbsent(name, n -> new ConcurrentStatsCounter());
    }
}

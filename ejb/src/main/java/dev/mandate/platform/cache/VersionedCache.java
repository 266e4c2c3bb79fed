package dev.mandate.platform.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.stats.StatsCounter;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * One value per key (a tenant), usable only at the version it was made at (a configuration generation,
 * a policy version): a lookup at any other version is a miss, and the next value made replaces it. So
 * it holds one entry per key whatever the number of versions, and a change made on any server takes
 * effect here with the next lookup at the new version.
 */
public final class VersionedCache<V> {

    private final Cache<String, V> entries;
    private final StatsCounter stats;
    private final Function<? super V, String> versionOf;

    public VersionedCache(String name, Function<? super V, String> versionOf) {
        this.entries = Caches.named(name).build();
        this.stats = Caches.counter(name);
        this.versionOf = versionOf;
    }

    /** The key's value made at this version, else null. */
    public V get(String key, String version) {
        // read without counting: an entry of another version is a miss, not the hit Caffeine would count
        V known = entries.asMap().get(key);
        if (known != null && version.equals(versionOf.apply(known))) {
            stats.recordHits(1);
            return known;
        }
        stats.recordMisses(1);
        return null;
    }

    /** Makes it the key's value. */
    public void put(String key, V value) {
        entries.put(key, value);
    }

    /** Makes it the key's value unless {@code newer}, given the kept value and this one, picks the kept one. */
    public void put(String key, V value, BinaryOperator<V> newer) {
        entries.asMap().merge(key, value, newer);
    }
}

package dev.mandate.platform.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A cache that keeps at most {@code capacity} entries and, once full, keeps no new ones: what it does not
 * keep is computed again on every use, and nothing kept is pushed out by a newcomer. For memos whose
 * useful entries are few (the patterns and hosts of a tenant's rules, the agents of a generation), where a
 * flood of distinct keys must cost CPU rather than memory and must not evict the entries that matter.
 * In a cache that expires, expired entries make room (Caffeine drops them in steps of about a second).
 */
public final class CappedCache<K, V> {

    private final Cache<K, V> entries;
    private final long capacity;
    private final Predicate<? super K> worthKeeping;

    /** Keeps any key while there is room. */
    public CappedCache(String name, long capacity) {
        this(Caches.named(name), capacity, key -> true);
    }

    /** Keeps only the keys {@code worthKeeping} accepts (e.g. short ones) while there is room. */
    public CappedCache(String name, long capacity, Predicate<? super K> worthKeeping) {
        this(Caches.named(name), capacity, worthKeeping);
    }

    /** A cache from a named builder ({@link Caches#named}) with more settings, such as an expiry. */
    public CappedCache(Caffeine<? super K, ? super V> named, long capacity, Predicate<? super K> worthKeeping) {
        this.entries = named.build();
        this.capacity = capacity;
        this.worthKeeping = worthKeeping;
    }

    public V getIfPresent(K key) {
        return entries.getIfPresent(key);
    }

    /** Whether the key is kept (and not expired), without counting a hit or a miss. */
    public boolean contains(K key) {
        return entries.asMap().containsKey(key);
    }

    /**
     * The value kept for the key, else what {@code compute} gives, kept if there is room. Pass a method
     * reference that captures nothing ({@code Pattern::compile}): a capturing lambda allocates on every call.
     */
    public V get(K key, Function<? super K, ? extends V> compute) {
        V known = entries.getIfPresent(key);
        return known != null ? known : keep(key, compute.apply(key));
    }

    /** Keeps the value if there is room and the key is worth keeping (an entry already kept stays); returns it. */
    public V keep(K key, V value) {
        if (worthKeeping.test(key) && hasRoom()) {
            entries.asMap().putIfAbsent(key, value);
        }
        return value;
    }

    /** The number of entries kept, expired ones not counted. */
    public long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }

    private boolean hasRoom() {
        return entries.estimatedSize() < capacity || size() < capacity;
    }
}

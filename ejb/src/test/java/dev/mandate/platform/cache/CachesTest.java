package dev.mandate.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import org.junit.jupiter.api.Test;

class CachesTest {

    @Test
    void theRegistryReportsTheHitsAndMissesOfANamedCache() {
        Cache<String, String> cache = Caches.named("test.hits-and-misses").build();

        assertThat(cache.getIfPresent("a")).isNull();
        cache.put("a", "A");
        assertThat(cache.getIfPresent("a")).isEqualTo("A");
        assertThat(cache.getIfPresent("a")).isEqualTo("A");
        assertThat(cache.get("b", String::toUpperCase)).isEqualTo("B");

        CacheStats stats = Caches.stats().get("test.hits-and-misses");
        assertThat(stats.hitCount()).isEqualTo(2);
        assertThat(stats.missCount()).isEqualTo(2);
        assertThat(stats.loadSuccessCount()).isEqualTo(1);
        assertThat(stats.hitRate()).isEqualTo(0.5);
    }

    @Test
    void everyCacheOfOneNameCountsIntoOneLine() {
        Cache<String, String> first = Caches.named("test.one-kind").build();
        Cache<String, String> second = Caches.named("test.one-kind").build();
        first.put("k", "v");
        second.put("k", "v");

        first.getIfPresent("k");
        second.getIfPresent("k");
        second.getIfPresent("other");

        assertThat(Caches.stats().get("test.one-kind").hitCount()).isEqualTo(2);
        assertThat(Caches.stats().get("test.one-kind").missCount()).isEqualTo(1);
        assertThat(Caches.stats()).containsKeys("test.hits-and-misses", "test.one-kind");
    }

    @Test
    void aVersionedEntryAtAnotherVersionIsAMiss() {
        VersionedCache<String> cache = new VersionedCache<>("test.versioned", value -> value.substring(0, 1));
        cache.put("tenant", "2:compiled");

        assertThat(cache.get("tenant", "2")).isEqualTo("2:compiled");
        assertThat(cache.get("tenant", "3")).isNull();
        assertThat(cache.get("other", "2")).isNull();

        CacheStats stats = Caches.stats().get("test.versioned");
        assertThat(stats.hitCount()).isEqualTo(1);
        assertThat(stats.missCount()).isEqualTo(2);
    }

    @Test
    void aCappedCacheKeepsNoNewKeyOnceFullAndNoKeyItIsToldNotToKeep() {
        CappedCache<String, Integer> cache = new CappedCache<>("test.capped", 2, key -> key.length() <= 3);
        cache.get("one", String::length);
        cache.get("long-key", String::length);
        cache.get("two", String::length);
        cache.get("six", String::length);

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.contains("one")).isTrue();
        assertThat(cache.contains("two")).isTrue();
        assertThat(cache.contains("six")).isFalse();
        assertThat(cache.contains("long-key")).isFalse();
        assertThat(cache.get("one", key -> -1)).isEqualTo(3);
        assertThat(cache.get("six", key -> -1)).isEqualTo(-1);

        CacheStats stats = Caches.stats().get("test.capped");
        assertThat(stats.hitCount()).isEqualTo(1);
        assertThat(stats.missCount()).isEqualTo(5);
    }

    @Test
    void aNameSaysWhichFeatureAndWhatInLowerCase() {
        assertThatThrownBy(() -> Caches.named("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Caches.named("Policy Cache")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Caches.named(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Caches.named("policy.regex-patterns")).isNotNull();
    }
}

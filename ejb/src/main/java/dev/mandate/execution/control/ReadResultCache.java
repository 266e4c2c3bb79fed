package dev.mandate.execution.control;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.mandate.platform.cache.Caches;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Results of read-only actions, per tool action's TTL, keyed by tenant, tool action and the arguments in
 * their stored (sorted) form; never written for anything but a READ action. Per server: a miss only costs
 * a call.
 */
@ApplicationScoped
public class ReadResultCache {

    private static final String NAME = "execution.read-results";

    private record Key(String tenant, String tool, String action, String arguments) {}

    private record Entry(String resultJson, long ttlNanos) {}

    private final Cache<Key, Entry> results = Caches.named(NAME)
            .maximumWeight(64L * 1024 * 1024)
            .weigher((Key key, Entry entry) ->
                    key.arguments().length() + entry.resultJson().length() + 64)
            .expireAfter(new Expiry<Key, Entry>() {
                @Override
                public long expireAfterCreate(Key key, Entry entry, long now) {
                    return entry.ttlNanos();
                }

                @Override
                public long expireAfterUpdate(Key key, Entry entry, long now, long current) {
                    return entry.ttlNanos();
                }

                @Override
                public long expireAfterRead(Key key, Entry entry, long now, long current) {
                    return current;
                }
            })
            .build();

    public Optional<String> get(String tenant, String tool, String action, JsonObject arguments) {
        Entry entry = results.getIfPresent(new Key(tenant, tool, action, arguments.toString()));
        return Optional.ofNullable(entry).map(Entry::resultJson);
    }

    public void put(
            String tenant, String tool, String action, JsonObject arguments, String resultJson, int ttlSeconds) {
        if (ttlSeconds > 0 && resultJson != null) {
            results.put(
                    new Key(tenant, tool, action, arguments.toString()),
                    new Entry(resultJson, TimeUnit.SECONDS.toNanos(ttlSeconds)));
        }
    }
}

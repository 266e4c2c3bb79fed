package dev.mandate.audit.control;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.stats.StatsCounter;
import dev.mandate.audit.entity.ChainPosition;
import dev.mandate.platform.cache.Caches;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Where this server last moved each audit chain's head: the position an append on PostgreSQL predicts,
 * to send its record together with the chain's lock rather than after the lock's answer. A prediction
 * is only a guess (another server, or a transaction that rolled back, may have left the head elsewhere):
 * the append checks it under the lock and appends again from the head it read when it was wrong.
 *
 * <p>A wrong prediction costs the append one request more than not predicting. Where a chain's
 * predictions keep failing (several servers appending to it in turn), its appends stop predicting for a
 * while: after each failure for twice as many appends as after the one before, up to
 * {@value #MAX_BACKOFF}; a prediction that holds ends that.
 */
@ApplicationScoped
public class ChainHeads {

    static final int MAX_BACKOFF = 64;

    private static final String NAME = "audit.chain-heads";
    private static final int MAX_CHAINS = 10_000;

    /** The head, and after failed predictions: how many appends not to predict for ({@code skip}). */
    private record Entry(ChainPosition head, int backoff, int skip) {}

    private final Cache<String, Entry> heads =
            Caches.named(NAME).maximumSize(MAX_CHAINS).build();

    /** Hits are predictions that held, misses the appends without one and the predictions that failed. */
    private final StatsCounter stats = Caches.counter(NAME);

    /** The head to predict for the chain's next append; empty when there is none, or while backing off. */
    public Optional<ChainPosition> predicted(String chainId) {
        Entry entry = heads.asMap().get(chainId);
        if (entry == null || entry.skip() > 0) {
            if (entry != null) {
                // a race lost here only leaves one more append unpredicted
                heads.asMap().replace(chainId, entry, new Entry(entry.head(), entry.backoff(), entry.skip() - 1));
            }
            stats.recordMisses(1);
            return Optional.empty();
        }
        return Optional.of(entry.head());
    }

    /** The head an append moved the chain to (not yet committed: the next append on it waits for the lock). */
    public void moved(ChainPosition head) {
        heads.asMap()
                .merge(
                        head.chainId(),
                        new Entry(head, 0, 0),
                        (old, fresh) -> new Entry(head, old.backoff(), old.skip()));
    }

    /** The chain's head was where predicted. */
    public void held(String chainId) {
        stats.recordHits(1);
        heads.asMap().computeIfPresent(chainId, (id, e) -> new Entry(e.head(), 0, 0));
    }

    /** The chain's head was elsewhere. */
    public void missed(String chainId) {
        stats.recordMisses(1);
        heads.asMap().computeIfPresent(chainId, (id, e) -> {
            int backoff = Math.min(Math.max(1, e.backoff() * 2), MAX_BACKOFF);
            return new Entry(e.head(), backoff, backoff);
        });
    }
}

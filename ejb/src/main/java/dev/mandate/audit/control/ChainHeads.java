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
 */
@ApplicationScoped
public class ChainHeads {

    private static final String NAME = "audit.chain-heads";
    private static final int MAX_CHAINS = 10_000;

    private final Cache<String, ChainPosition> heads =
            Caches.named(NAME).maximumSize(MAX_CHAINS).build();

    /** Hits are predictions that held, misses the chains without one and the predictions that did not. */
    private final StatsCounter stats = Caches.counter(NAME);

    public Optional<ChainPosition> predicted(String chainId) {
        ChainPosition head = heads.asMap().get(chainId);
        if (head == null) {
            stats.recordMisses(1);
        }
        return Optional.ofNullable(head);
    }

    /** The head was where predicted. */
    public void held() {
        stats.recordHits(1);
    }

    /** The head was elsewhere. */
    public void missed() {
        stats.recordMisses(1);
    }

    /** The head an append moved the chain to (not yet committed: the next append on it waits for the lock). */
    public void moved(ChainPosition head) {
        heads.put(head.chainId(), head);
    }
}

package dev.mandate.decision.boundary;

import dev.mandate.decision.control.IdempotencyKeys;
import dev.mandate.decision.control.RateCounters;
import dev.mandate.platform.config.ConfigKey;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntUnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes what the decision path no longer needs, every {@code mandate.housekeeping.interval-seconds}
 * (default 600; 0: never): rate buckets older than any window, and idempotency keys older than
 * {@code mandate.idempotency.keep-hours} (default 48; at least 24). A non-persistent timer on every
 * server: deleting twice does no harm.
 */
@Startup
@Singleton
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class DecisionHousekeeping {

    private static final Logger LOG = Logger.getLogger(DecisionHousekeeping.class.getName());
    private static final long MIN_KEEP_HOURS = 24;
    static final int BATCH = 5_000;
    static final int MAX_BATCHES = 200;

    @Resource
    TimerService timers;

    @Inject
    RateCounters rateCounters;

    @Inject
    IdempotencyKeys idempotencyKeys;

    private final AtomicBoolean running = new AtomicBoolean();

    @PostConstruct
    void schedule() {
        long seconds =
                ConfigKey.HOUSEKEEPING_INTERVAL_SECONDS.lookup(Long.class).orElse(600L);
        if (seconds > 0) {
            timers.createIntervalTimer(seconds * 1000, seconds * 1000, new TimerConfig("mandate-housekeeping", false));
        }
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void run() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            Instant now = Instant.now();
            long buckets = inBatches(limit -> rateCounters.prune(now, limit));
            long keepHours = Math.max(
                    MIN_KEEP_HOURS,
                    ConfigKey.IDEMPOTENCY_KEEP_HOURS.lookup(Long.class).orElse(48L));
            Instant keysBefore = now.minusSeconds(keepHours * 3600);
            long keys = inBatches(limit -> idempotencyKeys.purge(keysBefore, limit));
            LOG.log(Level.FINE, "housekeeping deleted {0} rate buckets and {1} idempotency keys", new Object[] {
                buckets, keys
            });
        } catch (RuntimeException failed) {
            // the next run tries again; nothing is wrong meanwhile, the tables are only larger
            LOG.log(Level.WARNING, "housekeeping failed; retried at the next run: {0}", failed.toString());
        } finally {
            running.set(false);
        }
    }

    /**
     * Deletes in transactions of {@link #BATCH} rows until fewer are left (at most {@link #MAX_BATCHES} per
     * run), so a backlog (after the timer was off, or a restore) never becomes one huge transaction.
     */
    private static long inBatches(IntUnaryOperator deleteUpTo) {
        long deleted = 0;
        for (int batch = 0; batch < MAX_BATCHES; batch++) {
            int now = deleteUpTo.applyAsInt(BATCH);
            deleted += now;
            if (now < BATCH) {
                break;
            }
        }
        return deleted;
    }
}

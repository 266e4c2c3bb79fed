package dev.mandate.decision.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes rate buckets older than any window every ten minutes (a non-persistent timer on every
 * server; deleting twice does no harm).
 */
@Singleton
public class RateCounterPruner {

    private static final Logger LOG = Logger.getLogger(RateCounterPruner.class.getName());

    @EJB
    RateCounters counters;

    @Schedule(minute = "*/10", hour = "*", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void prune() {
        try {
            int deleted = counters.prune(Instant.now());
            LOG.log(Level.FINE, "pruned {0} rate buckets", deleted);
        } catch (RuntimeException failed) {
            // the next run tries again; the counters stay correct meanwhile, only the table grows
            LOG.log(Level.WARNING, "pruning rate buckets failed: {0}", failed.toString());
        }
    }
}

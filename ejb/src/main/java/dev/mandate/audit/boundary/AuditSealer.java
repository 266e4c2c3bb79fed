package dev.mandate.audit.boundary;

import dev.mandate.audit.control.AuditSigningKey;
import dev.mandate.platform.config.ConfigKey;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Seals every chain with new records every {@code mandate.audit.seal-interval-seconds} (0: never; only
 * {@code POST /api/v1/audit/checkpoints} seals then). A non-persistent EJB timer: after a restart the
 * next tick seals whatever is new, so nothing is lost by a missed tick. Each chain is sealed in its own
 * short transaction; one failure does not stop the others.
 */
@Startup
@Singleton
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AuditSealer {

    private static final Logger LOG = Logger.getLogger(AuditSealer.class.getName());

    @Resource
    TimerService timers;

    @EJB
    AuditCheckpoints checkpoints;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean warnedNoKey = new AtomicBoolean();

    @PostConstruct
    void schedule() {
        long seconds = ConfigKey.AUDIT_SEAL_INTERVAL_SECONDS.lookup(Long.class).orElse(300L);
        if (seconds > 0) {
            TimerConfig config = new TimerConfig("mandate-audit-sealer", false);
            timers.createIntervalTimer(seconds * 1000, seconds * 1000, config);
            LOG.info(() -> "audit chains are sealed every " + seconds + " s");
        }
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void sealAll() {
        if (!AuditSigningKey.isConfigured()) {
            if (warnedNoKey.compareAndSet(false, true)) {
                LOG.warning("mandate.audit.signing-key-location is not set: audit checkpoints are not written");
            }
            return;
        }
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            int sealed = 0;
            for (String chain : checkpoints.unsealedChains()) {
                try {
                    if (checkpoints.sealInNewTransaction(chain).isPresent()) {
                        sealed++;
                    }
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "sealing audit chain " + chain + " failed; retried at the next tick", e);
                }
            }
            int count = sealed;
            LOG.fine(() -> "sealed " + count + " audit chains");
        } finally {
            running.set(false);
        }
    }
}

package dev.mandate.approval.boundary;

import dev.mandate.approval.entity.ApprovalView;
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
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every {@code mandate.approvals.clock-millis} (default 1000) on every server: warns of requests about to
 * breach their SLA and expires those past it. Each request is handled in a transaction of its own under
 * its row lock (skipped where another server holds it), so servers share the work and never repeat it.
 */
@Startup
@Singleton
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ApprovalClock {

    private static final Logger LOG = Logger.getLogger(ApprovalClock.class.getName());
    static final int BATCH = 100;

    @Resource
    TimerService timers;

    @EJB
    ApprovalExpiry expiry;

    private final AtomicBoolean running = new AtomicBoolean();

    @PostConstruct
    void schedule() {
        long millis = ConfigKey.APPROVALS_CLOCK_MILLIS.lookup(Long.class).orElse(1000L);
        if (millis > 0) {
            timers.createIntervalTimer(millis, millis, new TimerConfig("mandate-approval-clock", false));
        }
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void tick() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            for (ApprovalView approval : expiry.toWarn(BATCH)) {
                expiry.warn(approval);
            }
            List<String[]> due = expiry.due(BATCH);
            for (String[] each : due) {
                expiry.expire(each[1], each[0]);
            }
        } catch (RuntimeException failed) {
            // the next tick tries again; a request is only late, never lost
            LOG.log(Level.WARNING, "approval clock failed; retried at the next tick: {0}", failed.toString());
        } finally {
            running.set(false);
        }
    }
}

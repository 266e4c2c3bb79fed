package dev.mandate.execution.boundary;

import dev.mandate.execution.control.CallbackDeliveries;
import dev.mandate.execution.control.ExecutionRunner;
import dev.mandate.execution.control.ExecutionStore;
import dev.mandate.execution.control.LeaseOwner;
import dev.mandate.execution.entity.QueuedExecution;
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
import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import jakarta.inject.Inject;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Each server's worker: at every tick it gives executions whose lease ran out back to the queue, then
 * takes the due ones (retries, executions another server left) as far as its tool-call executor has room,
 * and starts their attempts. Any number of servers share the queue; each execution is held by one at a
 * time.
 */
@Startup
@Singleton
@ManagedExecutorDefinition(name = ExecutionRunner.EXECUTOR, maxAsync = 64)
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ExecutionWorker {

    private static final Logger LOG = Logger.getLogger(ExecutionWorker.class.getName());

    @Resource
    TimerService timers;

    @Inject
    ExecutionStore store;

    @Inject
    ExecutionRunner runner;

    @Inject
    LeaseOwner owner;

    @Inject
    CallbackDeliveries callbacks;

    private Semaphore claimers;

    /**
     * One timer per claimer ({@code mandate.execution.claimers}, 1 unless set), staggered over the
     * interval: several claimers on one server compete for the queue exactly as the workers of several
     * servers do.
     */
    @PostConstruct
    void schedule() {
        long millis = ConfigKey.EXECUTION_POLL_MILLIS.lookup(Long.class).orElse(1000L);
        int count =
                Math.max(1, ConfigKey.EXECUTION_CLAIMERS.lookup(Integer.class).orElse(1));
        claimers = new Semaphore(count);
        if (millis > 0) {
            for (int i = 0; i < count; i++) {
                timers.createIntervalTimer(
                        millis + i * millis / count, millis, new TimerConfig("mandate-execution-worker-" + i, false));
            }
        }
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void tick() {
        if (!claimers.tryAcquire()) {
            return;
        }
        try {
            store.releaseExpiredLeases();
            for (CallbackDeliveries.Due callback : callbacks.claim(16)) {
                runner.background(() -> callbacks.deliver(callback));
            }
            int room = ConfigKey.EXECUTION_WORKERS.get(Integer.class) - runner.underway();
            if (room > 0) {
                for (QueuedExecution execution : store.claimDue(owner.id(), room)) {
                    runner.start(execution);
                }
            }
        } catch (RuntimeException failed) {
            // the next tick tries again: what is due stays due, what is held stays under its lease
            LOG.log(Level.WARNING, "execution worker tick failed; retried at the next one: {0}", failed.toString());
        } finally {
            claimers.release();
        }
    }
}

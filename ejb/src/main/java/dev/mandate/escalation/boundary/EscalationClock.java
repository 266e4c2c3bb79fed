package dev.mandate.escalation.boundary;

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

/** Every {@code mandate.approvals.clock-millis}: the escalation queue's SLA warnings and breaches. */
@Startup
@Singleton
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class EscalationClock {

    private static final Logger LOG = Logger.getLogger(EscalationClock.class.getName());

    @Resource
    TimerService timers;

    @EJB
    EscalationSla sla;

    private final AtomicBoolean running = new AtomicBoolean();

    @PostConstruct
    void schedule() {
        long millis = ConfigKey.APPROVALS_CLOCK_MILLIS.lookup(Long.class).orElse(1000L);
        if (millis > 0) {
            timers.createIntervalTimer(millis, millis, new TimerConfig("mandate-escalation-clock", false));
        }
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void tick() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            for (String[] each : sla.due(100)) {
                sla.tell(each[1], each[0], "BREACH".equals(each[2]));
            }
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "escalation clock failed; retried at the next tick: {0}", failed.toString());
        } finally {
            running.set(false);
        }
    }
}

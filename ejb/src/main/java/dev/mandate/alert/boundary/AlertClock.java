package dev.mandate.alert.boundary;

import dev.mandate.alert.control.EvaluationSlot;
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
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Evaluates the alert rules every {@code mandate.alerts.interval-seconds} (read at deployment; default 60, 0
 * never). A non-persistent timer on every server; the server that takes the slot ({@link EvaluationSlot})
 * evaluates, the others skip it, so one evaluation runs at a time across servers.
 */
@Startup
@Singleton
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AlertClock {

    static final long DEFAULT_INTERVAL_SECONDS = 60;

    private static final Logger LOG = Logger.getLogger(AlertClock.class.getName());

    @Resource
    TimerService timers;

    @Inject
    EvaluationSlot slots;

    @EJB
    AlertEvaluations evaluations;

    private final AtomicBoolean running = new AtomicBoolean();
    private final String serverId = serverId();
    private long intervalMillis;

    @PostConstruct
    void schedule() {
        long seconds = ConfigKey.ALERTS_INTERVAL_SECONDS.lookup(Long.class).orElse(DEFAULT_INTERVAL_SECONDS);
        if (seconds > 0) {
            intervalMillis = seconds * 1000;
            timers.createIntervalTimer(intervalMillis, intervalMillis, new TimerConfig("mandate-alert-clock", false));
        }
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void tick() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            long now = System.currentTimeMillis();
            if (slots.take(Instant.ofEpochMilli(now - now % intervalMillis), serverId)) {
                evaluations.evaluateDue();
            }
        } catch (RuntimeException failed) {
            // the next slot evaluates again: an alert is only late, never lost
            LOG.log(Level.WARNING, "alert evaluation failed; retried at the next slot: {0}", failed.toString());
        } finally {
            running.set(false);
        }
    }

    private static String serverId() {
        String instance = System.getProperty("com.sun.aas.instanceName", "server");
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException unknown) {
            host = "unknown";
        }
        String id = instance + "@" + host + "/" + UUID.randomUUID().toString().substring(0, 8);
        return id.length() > 200 ? id.substring(0, 200) : id;
    }
}

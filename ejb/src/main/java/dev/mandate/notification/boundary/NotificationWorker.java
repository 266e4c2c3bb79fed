package dev.mandate.notification.boundary;

import dev.mandate.notification.control.DeliverySender;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Each server's webhook worker: every {@code mandate.notifications.poll-millis} (read at deployment; 0
 * never) it takes due deliveries as far as its executor has room and sends them. Any number of servers
 * share the queue; each delivery is held by one at a time.
 */
@Startup
@Singleton
@ManagedExecutorDefinition(name = DeliverySender.EXECUTOR, maxAsync = DeliverySender.MAX_UNDERWAY)
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class NotificationWorker {

    static final long DEFAULT_POLL_MILLIS = 1000;

    private static final Logger LOG = Logger.getLogger(NotificationWorker.class.getName());

    @Resource
    TimerService timers;

    @Inject
    DeliverySender deliveries;

    private final AtomicBoolean ticking = new AtomicBoolean();

    @PostConstruct
    void schedule() {
        long millis = ConfigKey.NOTIFICATIONS_POLL_MILLIS.lookup(Long.class).orElse(DEFAULT_POLL_MILLIS);
        if (millis > 0) {
            timers.createIntervalTimer(millis, millis, new TimerConfig("mandate-notification-worker", false));
        }
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void tick() {
        if (!ticking.compareAndSet(false, true)) {
            return;
        }
        try {
            int room = DeliverySender.MAX_UNDERWAY - deliveries.underway();
            if (room > 0) {
                deliveries.claim(room).forEach(deliveries::start);
            }
        } catch (RuntimeException failed) {
            // the next tick tries again: what is due stays due, what is held stays under its lease
            LOG.log(Level.WARNING, "notification worker tick failed; retried at the next one: {0}", failed.toString());
        } finally {
            ticking.set(false);
        }
    }
}

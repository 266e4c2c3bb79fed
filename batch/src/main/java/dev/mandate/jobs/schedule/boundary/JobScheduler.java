package dev.mandate.jobs.schedule.boundary;

import dev.mandate.jobs.execution.boundary.JobExecutions;
import dev.mandate.jobs.execution.boundary.JobRecovery;
import dev.mandate.jobs.execution.control.JobLeases;
import dev.mandate.jobs.execution.control.JobServer;
import dev.mandate.jobs.execution.control.StuckExecutions;
import dev.mandate.jobs.execution.control.TenantJobs;
import dev.mandate.jobs.schedule.control.CronSchedule;
import dev.mandate.jobs.schedule.control.ScheduledSlot;
import dev.mandate.platform.config.ConfigKey;
import dev.mandate.platform.schema.SchemaMigrator;
import dev.mandate.platform.sql.Sql;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the jobs on their schedules ({@code mandate.jobs.<job>.schedule}, {@link CronSchedule}), and keeps
 * this server's heartbeat, recovering the executions of servers that are gone ({@link JobRecovery}).
 *
 * <p>Non-persistent timers, one set on every server: a persistent timer lives in Payara's own timer database
 * and belongs to one instance, so it would not fire while that instance is down. Here every server's timer
 * fires for a slot and the first to take the slot's lease ({@link JobLeases}, a row in Mandate's database)
 * starts the job; the others skip it. A slot no server was up for is not run afterwards.
 *
 * <p>A job runs for every tenant that has agents (a tenant without any has nothing to evaluate); each
 * (job, tenant, slot) is leased on its own, so servers may share one slot's tenants between them.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class JobScheduler {

    private static final Logger LOG = Logger.getLogger(JobScheduler.class.getName());
    private static final String HEARTBEAT = "mandate-jobs-heartbeat";

    @Resource
    TimerService timers;

    @EJB
    SchemaMigrator schema;

    @EJB
    JobExecutions executions;

    @EJB
    JobRecovery recovery;

    @Inject
    JobServer server;

    @Inject
    JobLeases leases;

    @Inject
    Sql sql;

    private final Map<String, CronSchedule> schedules = new LinkedHashMap<>();
    private final Map<String, Timer> scheduled = new LinkedHashMap<>();
    private final AtomicBoolean beating = new AtomicBoolean();
    private String zone;

    @PostConstruct
    void createTimers() {
        zone = ConfigKey.JOBS_TIMEZONE.lookup(String.class).orElse("UTC");
        for (String job : TenantJobs.names()) {
            String key = ConfigKey.jobScheduleKey(job);
            Optional<CronSchedule> schedule;
            try {
                schedule = CronSchedule.parse(ConfigKey.jobSchedule(job).orElse(""));
            } catch (IllegalArgumentException wrong) {
                // fails the deployment: a nightly job silently not scheduled is found out too late
                throw new IllegalStateException(key + ": " + wrong.getMessage(), wrong);
            }
            schedule.ifPresent(cron -> {
                schedules.put(job, cron);
                scheduled.put(job, timers.createCalendarTimer(cron.expression(zone), new TimerConfig(job, false)));
                LOG.info(() -> "job " + job + " scheduled '" + cron + "' (" + zone + ")");
            });
        }
        long seconds =
                Math.max(1, ConfigKey.JOBS_HEARTBEAT_SECONDS.lookup(Long.class).orElse(30L));
        // the first beat at once: executions this server's previous life left behind are marked on start
        timers.createIntervalTimer(1_000, seconds * 1_000, new TimerConfig(HEARTBEAT, false));
    }

    /** The job's schedule, if it has one. */
    public Optional<String> schedule(String job) {
        return Optional.ofNullable(schedules.get(job)).map(CronSchedule::toString);
    }

    public String timezone() {
        return zone;
    }

    /** When this server's timer next fires for the job, if it is scheduled. */
    public Optional<Instant> nextRun(String job) {
        Timer timer = scheduled.get(job);
        try {
            return timer == null
                    ? Optional.empty()
                    : Optional.of(timer.getNextTimeout().toInstant());
        } catch (RuntimeException noMore) {
            return Optional.empty();
        }
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void fire(Timer timer) {
        if (!schema.isMigrated()) {
            return;
        }
        String info = String.valueOf(timer.getInfo());
        if (HEARTBEAT.equals(info)) {
            beat();
        } else if (TenantJobs.exists(info)) {
            run(info, ScheduledSlot.of(Instant.now()));
        }
    }

    private void beat() {
        if (!beating.compareAndSet(false, true)) {
            return;
        }
        try {
            Instant now = Instant.now();
            server.beat(now);
            long lease = ConfigKey.JOBS_SERVER_LEASE_SECONDS.lookup(Long.class).orElse(300L);
            for (StuckExecutions.Stuck stuck : recovery.stuck(now, lease)) {
                if (recovery.markFailed(stuck, now)) {
                    LOG.warning(() -> "job execution " + stuck.executionId() + " (" + stuck.jobName() + ", tenant "
                            + stuck.tenant() + ") marked FAILED: its server " + stuck.serverId() + " is gone");
                }
            }
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "job heartbeat failed; tried again at the next one: {0}", failed.toString());
        } finally {
            beating.set(false);
        }
    }

    private void run(String job, Instant slot) {
        for (String tenant :
                sql.list("select distinct tenant_id from agent order by tenant_id", row -> row.getString(1))) {
            try {
                if (leases.take(job, tenant, slot, server.id())) {
                    long execution = executions.startScheduled(tenant, job, slot);
                    leases.started(job, tenant, slot, execution);
                }
            } catch (RuntimeException failed) {
                LOG.log(
                        Level.WARNING,
                        "scheduled " + job + " for tenant " + tenant + " at " + slot + " failed",
                        failed);
            }
        }
    }
}

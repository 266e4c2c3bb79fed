package dev.mandate.metrics.control;

import dev.mandate.budget.entity.BudgetPeriod;
import dev.mandate.platform.config.ConfigKey;
import dev.mandate.platform.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The gauges read from the database: per tenant, the approval requests pending and the escalations open
 * (how many, the oldest one's age, how many are past their due time) and the tenant budgets' use in their
 * current period. Three grouped statements read every tenant at once, at most once per {@code
 * mandate.metrics.gauge-refresh-seconds}, when a scrape asks and the last reading is older: however many
 * tenants and scrapers there are, never more statements than that. A failed reading keeps the last one
 * (its age shows in {@code mandate_queues_read_age_seconds}).
 */
@ApplicationScoped
public class QueueGauges {

    private static final Logger LOG = Logger.getLogger(QueueGauges.class.getName());

    /** What one reading found, per tenant label ({@code other} sums the tenants past the cap). */
    record Reading(Instant at, Map<String, double[]> byTenant, Map<String, Double> budgets) {
        static final Reading NONE = new Reading(Instant.EPOCH, Map.of(), Map.of());

        double get(String tenant, int figure) {
            double[] figures = byTenant.get(tenant);
            return figures == null ? 0 : figures[figure];
        }
    }

    static final int APPROVALS = 0;
    static final int APPROVALS_OLDEST = 1;
    static final int APPROVALS_OVERDUE = 2;
    static final int ESCALATIONS = 3;
    static final int ESCALATIONS_OLDEST = 4;
    static final int ESCALATIONS_OVERDUE = 5;

    private static final String[][] GAUGES = {
        {"mandate_approvals_pending", "Approval requests waiting for a decision"},
        {"mandate_approvals_oldest_age_seconds", "Age of the oldest approval request waiting"},
        {"mandate_approvals_overdue", "Approval requests waiting past their due time (SLA breached)"},
        {"mandate_escalations_open", "Escalations open or claimed, not resolved"},
        {"mandate_escalations_oldest_age_seconds", "Age of the oldest escalation not resolved"},
        {"mandate_escalations_overdue", "Escalations not resolved past their due time (SLA breached)"}
    };

    @Inject
    Sql sql;

    @Inject
    MandateMetrics metrics;

    private volatile Reading current = Reading.NONE;
    private volatile Instant lastTry = Instant.EPOCH;
    private Series<String> tenants;
    private Series<String> budgets;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (tenants != null) {
            return;
        }
        IntSupplier cap = () -> ConfigKey.METRICS_MAX_SERIES.get(Integer.class);
        tenants = new Series<>(cap, new boolean[] {true}, labels -> {
            String tenant = labels.get(0);
            for (int i = 0; i < GAUGES.length; i++) {
                int figure = i;
                metrics.gauge(GAUGES[i][0], GAUGES[i][1], () -> reading().get(tenant, figure), labels, "tenant");
            }
            return tenant;
        });
        budgets = new Series<>(cap, new boolean[] {true, false}, labels -> {
            String key = labels.get(0) + "/" + labels.get(1);
            metrics.gauge(
                    "mandate_budget_used_ratio",
                    "Spent of a tenant budget in its current period (1 = exhausted; the highest where tenants share"
                            + " the other label)",
                    () -> reading().budgets().getOrDefault(key, 0.0),
                    labels,
                    "tenant",
                    "period");
            return key;
        });
        metrics.gauge(
                "mandate_queues_read_age_seconds",
                "Seconds since the queue and budget gauges were read from the database",
                () -> Duration.between(reading().at(), Instant.now()).toMillis() / 1000.0,
                List.of());
    }

    /** The latest reading, read again first when it is older than the refresh interval. */
    Reading reading() {
        Instant now = Instant.now();
        long refresh = ConfigKey.METRICS_GAUGE_REFRESH_SECONDS.get(Long.class);
        if (lastTry.plusSeconds(refresh).isAfter(now)) {
            return current;
        }
        synchronized (this) {
            if (lastTry.plusSeconds(refresh).isAfter(now)) {
                return current;
            }
            lastTry = now;
            try {
                current = read(now);
                metrics.gaugeCaches();
            } catch (RuntimeException failed) {
                LOG.log(Level.WARNING, "metrics: the queue gauges could not be read; showing the last reading", failed);
            }
            return current;
        }
    }

    private Reading read(Instant now) {
        Map<String, double[]> byTenant = new HashMap<>();
        sql.list(
                        "select tenant_id, count(*), min(created_at), sum(case when due_at < ? then 1 else 0 end)"
                                + " from approval_request where status = 'PENDING' group by tenant_id",
                        row -> new Object[] {
                            row.getString(1), row.getLong(2), row.getObject(3, OffsetDateTime.class), row.getLong(4)
                        },
                        now)
                .forEach(row -> add(byTenant, row, now, APPROVALS));
        sql.list(
                        "select tenant_id, count(*), min(created_at),"
                                + " sum(case when breached or due_at < ? then 1 else 0 end)"
                                + " from escalation_item where status in ('OPEN', 'CLAIMED') group by tenant_id",
                        row -> new Object[] {
                            row.getString(1), row.getLong(2), row.getObject(3, OffsetDateTime.class), row.getLong(4)
                        },
                        now)
                .forEach(row -> add(byTenant, row, now, ESCALATIONS));
        Map<String, Double> budgetUse = new HashMap<>();
        sql.list(
                        "select b.tenant_id, b.period, b.max_cost, coalesce(u.spent_cost, 0) from budget b"
                                + " left join budget_usage u on u.budget_id = b.id and u.period_start ="
                                + " (case when b.period = 'DAY' then ? else ? end)"
                                + " where b.scope = 'TENANT'",
                        row -> new Object[] {
                            row.getString(1), row.getString(2), row.getBigDecimal(3), row.getBigDecimal(4)
                        },
                        BudgetPeriod.DAY.currentStart(),
                        BudgetPeriod.WEEK.currentStart())
                .forEach(row -> {
                    BigDecimal max = (BigDecimal) row[2];
                    double used = max.signum() == 0 ? 1 : ((BigDecimal) row[3]).doubleValue() / max.doubleValue();
                    budgetUse.merge(budgets.of((String) row[0], (String) row[1]), used, Math::max);
                });
        return new Reading(now, byTenant, budgetUse);
    }

    private void add(Map<String, double[]> byTenant, Object[] row, Instant now, int first) {
        double[] figures = byTenant.computeIfAbsent(tenants.of((String) row[0]), t -> new double[GAUGES.length]);
        figures[first] += (Long) row[1];
        OffsetDateTime oldest = (OffsetDateTime) row[2];
        if (oldest != null) {
            figures[first + 1] = Math.max(
                    figures[first + 1],
                    Duration.between(oldest.toInstant(), now).toMillis() / 1000.0);
        }
        figures[first + 2] += (Long) row[3];
    }
}

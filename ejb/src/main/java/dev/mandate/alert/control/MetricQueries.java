package dev.mandate.alert.control;

import dev.mandate.alert.entity.AlertMetric;
import dev.mandate.alert.entity.AlertRuleSpec;
import dev.mandate.alert.entity.AlertScope;
import dev.mandate.budget.entity.BudgetPeriod;
import dev.mandate.platform.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a rule's metric over its windows from the recorded data, one statement per source: the current window
 * ends now, the baseline windows lie right before it, newest first, each as long as the current one. Every
 * statement reads one tenant's rows of one time range through an index on (tenant, time), and sums the
 * windows in one pass ({@code sum(case when ...)}), on PostgreSQL and H2 alike.
 *
 * <p>Tool calls are found through their execution's creation time: calls of executions created more than
 * {@link #ATTEMPT_LOOKBACK} before the range are not counted (retries end well within it).
 */
@ApplicationScoped
public class MetricQueries {

    static final Duration ATTEMPT_LOOKBACK = Duration.ofHours(1);

    private static final String WORKFLOW_TASK_TYPES = " in (select t.type_key from task_type t join workflow w"
            + " on w.id = t.workflow_id where t.tenant_id = ? and w.wf_key = ?)";

    @Inject
    Sql sql;

    /** The rule's figures at {@code now}: one key for a spike metric, one per budget for budget use. */
    public List<Measurement> measure(String tenant, AlertRuleSpec rule, Instant now) {
        if (rule.metric() == AlertMetric.BUDGET_USE) {
            return budgets(tenant);
        }
        Windows windows = new Windows(now, rule.windowSeconds(), rule.baselineWindows());
        String key = key(rule);
        return List.of(
                switch (rule.metric()) {
                    case TOOL_ERRORS ->
                        counts(key, windows, toolCalls(tenant, rule, windows, " and a.outcome <> 'SUCCEEDED'"));
                    case RETRIES ->
                        counts(
                                key,
                                windows,
                                toolCalls(
                                        tenant,
                                        rule,
                                        windows,
                                        " and a.attempt > (select min(f.attempt) from execution_attempt f"
                                                + " where f.execution_id = a.execution_id and f.kind = 'CALL')"));
                    case DENIALS -> counts(key, windows, denials(tenant, rule, windows));
                    case SLA_BREACHES ->
                        counts(
                                key,
                                windows,
                                add(
                                        approvalsExpired(tenant, rule, windows),
                                        escalationsBreached(tenant, rule, windows)));
                    case COST_PER_TASK -> costPerTask(key, tenant, rule, windows);
                    case BUDGET_USE -> throw new IllegalStateException("read per budget");
                });
    }

    /** {@code tenant}, or the scope and its value, e.g. {@code tool:erp}. */
    public static String key(AlertRuleSpec rule) {
        return rule.scope() == AlertScope.TENANT
                ? "tenant"
                : rule.scope().name().toLowerCase().replace('_', '-') + ":" + rule.scopeValue();
    }

    /** The windows' bounds: window k is (ends[k+1], ends[k]], window 0 the current one. */
    record Windows(Instant[] ends) {
        Windows(Instant now, int seconds, int baseline) {
            this(ends(now, seconds, baseline));
        }

        private static Instant[] ends(Instant now, int seconds, int baseline) {
            Instant[] ends = new Instant[baseline + 2];
            for (int k = 0; k < ends.length; k++) {
                ends[k] = now.minusSeconds((long) seconds * k);
            }
            return ends;
        }

        int count() {
            return ends.length - 1;
        }

        Instant from() {
            return ends[ends.length - 1];
        }

        Instant to() {
            return ends[0];
        }

        /** {@code sum(case when T > ? and T <= ? then V else 0 end)} per window, and its parameters. */
        String sums(String time, String value, List<Object> parameters) {
            List<String> columns = new ArrayList<>();
            for (int k = 0; k < count(); k++) {
                columns.add("sum(case when " + time + " > ? and " + time + " <= ? then " + value + " else 0 end)");
                parameters.add(ends[k + 1]);
                parameters.add(ends[k]);
            }
            return String.join(", ", columns);
        }

        /** {@code count(distinct case when T > ? and T <= ? then V end)} per window. */
        String distinct(String time, String value, List<Object> parameters) {
            List<String> columns = new ArrayList<>();
            for (int k = 0; k < count(); k++) {
                columns.add("count(distinct case when " + time + " > ? and " + time + " <= ? then " + value + " end)");
                parameters.add(ends[k + 1]);
                parameters.add(ends[k]);
            }
            return String.join(", ", columns);
        }
    }

    private double[] toolCalls(String tenant, AlertRuleSpec rule, Windows windows, String condition) {
        List<Object> parameters = new ArrayList<>();
        String sums = windows.sums("a.started_at", "1", parameters);
        boolean byTaskType = rule.scope() == AlertScope.TASK_TYPE || rule.scope() == AlertScope.WORKFLOW;
        StringBuilder query = new StringBuilder("select ")
                .append(sums)
                .append(" from execution x join execution_attempt a on a.execution_id = x.id")
                .append(byTaskType ? " join envelope e on e.id = x.envelope_id" : "")
                .append(" where x.tenant_id = ? and x.created_at > ? and a.started_at > ? and a.started_at <= ?")
                .append(" and a.kind = 'CALL'")
                .append(condition);
        parameters.add(tenant);
        parameters.add(windows.from().minus(ATTEMPT_LOOKBACK));
        parameters.add(windows.from());
        parameters.add(windows.to());
        scope(query, parameters, tenant, rule, "x.tool_key", "e.task_type");
        return sums(query.toString(), windows.count(), parameters);
    }

    private double[] denials(String tenant, AlertRuleSpec rule, Windows windows) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder query = new StringBuilder("select ")
                .append(windows.sums("e.created_at", "1", parameters))
                .append(" from envelope e where e.tenant_id = ? and e.created_at > ? and e.created_at <= ?")
                .append(" and e.decision = 'DENY'");
        parameters.add(tenant);
        parameters.add(windows.from());
        parameters.add(windows.to());
        scope(query, parameters, tenant, rule, "e.tool_key", "e.task_type");
        return sums(query.toString(), windows.count(), parameters);
    }

    private double[] approvalsExpired(String tenant, AlertRuleSpec rule, Windows windows) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder query = new StringBuilder("select ")
                .append(windows.sums("p.decided_at", "1", parameters))
                .append(" from approval_request p where p.tenant_id = ? and p.status = 'EXPIRED'")
                .append(" and p.decided_at > ? and p.decided_at <= ?");
        parameters.add(tenant);
        parameters.add(windows.from());
        parameters.add(windows.to());
        scope(query, parameters, tenant, rule, "p.tool_key", "p.task_type");
        return sums(query.toString(), windows.count(), parameters);
    }

    private double[] escalationsBreached(String tenant, AlertRuleSpec rule, Windows windows) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder query = new StringBuilder("select ")
                .append(windows.sums("i.due_at", "1", parameters))
                .append(" from escalation_item i where i.tenant_id = ? and i.breached = true")
                .append(" and i.due_at > ? and i.due_at <= ?");
        parameters.add(tenant);
        parameters.add(windows.from());
        parameters.add(windows.to());
        scope(query, parameters, tenant, rule, "i.tool_key", "i.task_type");
        return sums(query.toString(), windows.count(), parameters);
    }

    private Measurement costPerTask(String key, String tenant, AlertRuleSpec rule, Windows windows) {
        List<Object> parameters = new ArrayList<>();
        String costs = windows.sums("e.created_at", "e.cost", parameters);
        String tasks = windows.distinct("e.created_at", "e.task_id", parameters);
        StringBuilder query = new StringBuilder("select ")
                .append(costs)
                .append(", ")
                .append(tasks)
                .append(" from envelope e where e.tenant_id = ? and e.created_at > ? and e.created_at <= ?");
        parameters.add(tenant);
        parameters.add(windows.from());
        parameters.add(windows.to());
        scope(query, parameters, tenant, rule, "e.tool_key", "e.task_type");
        int n = windows.count();
        double[] both = sums(query.toString(), 2 * n, parameters);
        double[] perTask = new double[n];
        for (int k = 0; k < n; k++) {
            perTask[k] = both[n + k] == 0 ? Double.NaN : both[k] / both[n + k];
        }
        double current = Double.isNaN(perTask[0]) ? 0 : perTask[0];
        return new Measurement(key, current, both[n], baseline(perTask));
    }

    private List<Measurement> budgets(String tenant) {
        return sql.list(
                "select b.scope, b.subject, b.period, b.max_cost, coalesce(u.spent_cost, 0) from budget b"
                        + " left join budget_usage u on u.budget_id = b.id and ((b.period = 'DAY' and u.period_start = ?)"
                        + " or (b.period = 'WEEK' and u.period_start = ?)) where b.tenant_id = ? order by b.id",
                row -> {
                    BigDecimal cap = row.getBigDecimal(4);
                    BigDecimal spent = row.getBigDecimal(5);
                    double share = cap.signum() <= 0 ? 1 : spent.doubleValue() / cap.doubleValue();
                    String key = "budget:" + row.getString(1) + ":" + row.getString(2) + ":" + row.getString(3);
                    return new Measurement(key, share, spent.doubleValue(), new double[0]);
                },
                BudgetPeriod.DAY.currentStart(),
                BudgetPeriod.WEEK.currentStart(),
                tenant);
    }

    private static void scope(
            StringBuilder query,
            List<Object> parameters,
            String tenant,
            AlertRuleSpec rule,
            String tool,
            String taskType) {
        switch (rule.scope()) {
            case TENANT -> {}
            case TOOL -> {
                query.append(" and ").append(tool).append(" = ?");
                parameters.add(rule.scopeValue());
            }
            case TASK_TYPE -> {
                query.append(" and ").append(taskType).append(" = ?");
                parameters.add(rule.scopeValue());
            }
            case WORKFLOW -> {
                query.append(" and ").append(taskType).append(WORKFLOW_TASK_TYPES);
                parameters.add(tenant);
                parameters.add(rule.scopeValue());
            }
        }
    }

    private double[] sums(String query, int columns, List<Object> parameters) {
        return sql.first(query, row -> read(row, columns), parameters.toArray()).orElseGet(() -> new double[columns]);
    }

    private static double[] read(ResultSet row, int columns) throws SQLException {
        double[] values = new double[columns];
        for (int i = 0; i < columns; i++) {
            BigDecimal value = row.getBigDecimal(i + 1);
            values[i] = value == null ? 0 : value.doubleValue();
        }
        return values;
    }

    private static Measurement counts(String key, Windows windows, double[] values) {
        return new Measurement(key, values[0], values[0], baseline(values));
    }

    private static double[] baseline(double[] values) {
        double[] baseline = new double[values.length - 1];
        System.arraycopy(values, 1, baseline, 0, baseline.length);
        return baseline;
    }

    private static double[] add(double[] a, double[] b) {
        double[] sum = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            sum[i] = a[i] + b[i];
        }
        return sum;
    }
}

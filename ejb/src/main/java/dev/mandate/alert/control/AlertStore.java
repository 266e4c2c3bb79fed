package dev.mandate.alert.control;

import dev.mandate.alert.entity.Alert;
import dev.mandate.alert.entity.AlertMetric;
import dev.mandate.alert.entity.AlertStatus;
import dev.mandate.alert.entity.Verdict;
import dev.mandate.platform.paging.Page;
import dev.mandate.platform.paging.PageRequest;
import dev.mandate.platform.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The alerts of a tenant: what the evaluation opens, updates and resolves, and what people read and change. */
@ApplicationScoped
public class AlertStore {

    private static final String COLUMNS = "id, tenant_id, rule_id, rule_name, metric, alert_key, status, current_value,"
            + " peak_value, baseline_mean, baseline_deviation, limit_value, fired_at, last_firing_at,"
            + " firing_evaluations, updated_at, acknowledged_at, acknowledged_by, acknowledge_note, resolved_at,"
            + " resolved_by, resolution_reason";

    /** The largest value the numeric columns hold; a figure above it is stored as this. */
    private static final BigDecimal MAX = new BigDecimal("9999999999999.999999");

    @Inject
    Sql sql;

    /** The rule's open alerts (OPEN or ACKNOWLEDGED). */
    public List<Alert> openOf(String ruleId) {
        return sql.list(
                "select " + COLUMNS + " from alert where rule_id = ? and open_key is not null order by id",
                AlertStore::alert,
                ruleId);
    }

    /** Whether an alert of the rule and key was resolved after {@code since}. */
    public boolean resolvedSince(String ruleId, String key, Instant since) {
        return sql.first(
                        "select id from alert where rule_id = ? and status = 'RESOLVED' and alert_key = ?"
                                + " and resolved_at > ?",
                        row -> row.getString(1),
                        ruleId,
                        key,
                        since)
                .isPresent();
    }

    /** Opens an alert for the rule and key; the unique open key refuses a second open one. */
    public String open(
            String tenant, String ruleId, String ruleName, AlertMetric metric, String key, Verdict v, Instant now) {
        String id = UUID.randomUUID().toString();
        sql.update(
                "insert into alert (id, tenant_id, rule_id, rule_name, metric, alert_key, open_key, status, current_value,"
                        + " peak_value, baseline_mean, baseline_deviation, limit_value, fired_at, last_firing_at,"
                        + " firing_evaluations, updated_at) values (?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?, ?, ?, ?, ?, 1, ?)",
                id,
                tenant,
                ruleId,
                ruleName,
                metric.name(),
                key,
                ruleId + "/" + key,
                number(v.value()),
                number(v.value()),
                number(v.mean()),
                number(v.deviation()),
                number(v.limit()),
                now,
                now,
                now);
        return id;
    }

    /** Still firing: the latest figures, the peak, one more firing evaluation. Sends nothing. */
    public void stillFiring(Alert alert, Verdict v, Instant now) {
        BigDecimal value = number(v.value());
        sql.update(
                "update alert set current_value = ?, peak_value = ?, baseline_mean = ?, baseline_deviation = ?,"
                        + " limit_value = ?, last_firing_at = ?, firing_evaluations = firing_evaluations + 1,"
                        + " updated_at = ? where id = ? and open_key is not null",
                value,
                value.compareTo(alert.peakValue()) > 0 ? value : alert.peakValue(),
                number(v.mean()),
                number(v.deviation()),
                number(v.limit()),
                now,
                now,
                alert.id());
    }

    /** Not firing now, but not yet quiet for a window: the latest figures only. */
    public void quiet(Alert alert, Verdict v, Instant now) {
        sql.update(
                "update alert set current_value = ?, baseline_mean = ?, baseline_deviation = ?, limit_value = ?,"
                        + " updated_at = ? where id = ? and open_key is not null",
                number(v.value()),
                number(v.mean()),
                number(v.deviation()),
                number(v.limit()),
                now,
                alert.id());
    }

    /** Resolves an open alert; false when it was resolved already. */
    public boolean resolve(String tenant, String id, String by, String reason, Instant now) {
        return sql.update(
                        "update alert set status = 'RESOLVED', open_key = null, resolved_at = ?, resolved_by = ?,"
                                + " resolution_reason = ?, updated_at = ? where id = ? and tenant_id = ?"
                                + " and open_key is not null",
                        now,
                        by,
                        reason,
                        now,
                        id,
                        tenant)
                == 1;
    }

    /** Acknowledges an OPEN alert; false when it is not OPEN (acknowledged or resolved already). */
    public boolean acknowledge(String tenant, String id, String by, String note, Instant now) {
        return sql.update(
                        "update alert set status = 'ACKNOWLEDGED', acknowledged_at = ?, acknowledged_by = ?,"
                                + " acknowledge_note = ?, updated_at = ? where id = ? and tenant_id = ? and status = 'OPEN'",
                        now,
                        by,
                        note,
                        now,
                        id,
                        tenant)
                == 1;
    }

    public Optional<Alert> find(String tenant, String id) {
        return sql.first(
                "select " + COLUMNS + " from alert where id = ? and tenant_id = ?", AlertStore::alert, id, tenant);
    }

    /** The tenant's alerts, newest first, optionally of one status and one rule. */
    public Page<Alert> page(String tenant, AlertStatus status, String rule, PageRequest page) {
        StringBuilder where = new StringBuilder(" where tenant_id = ?");
        List<Object> values = new ArrayList<>(List.of(tenant));
        if (status != null) {
            where.append(" and status = ?");
            values.add(status.name());
        }
        if (rule != null) {
            where.append(" and rule_name = ?");
            values.add(rule);
        }
        long total = sql.first("select count(*) from alert" + where, row -> row.getLong(1), values.toArray())
                .orElse(0L);
        List<Object> paged = new ArrayList<>(values);
        paged.add(page.limit());
        paged.add(page.offset());
        List<Alert> items = sql.list(
                "select " + COLUMNS + " from alert" + where + " order by fired_at desc, id desc limit ? offset ?",
                AlertStore::alert,
                paged.toArray());
        return new Page<>(items, page.offset(), page.limit(), total);
    }

    static BigDecimal number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return null;
        }
        BigDecimal number = BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_UP);
        return number.compareTo(MAX) > 0 ? MAX : number.compareTo(MAX.negate()) < 0 ? MAX.negate() : number;
    }

    private static Alert alert(ResultSet r) throws SQLException {
        return new Alert(
                r.getString(1),
                r.getString(2),
                r.getString(3),
                r.getString(4),
                AlertMetric.valueOf(r.getString(5)),
                r.getString(6),
                AlertStatus.valueOf(r.getString(7)),
                r.getBigDecimal(8),
                r.getBigDecimal(9),
                r.getBigDecimal(10),
                r.getBigDecimal(11),
                r.getBigDecimal(12),
                r.getObject(13, OffsetDateTime.class),
                r.getObject(14, OffsetDateTime.class),
                r.getInt(15),
                r.getObject(16, OffsetDateTime.class),
                r.getObject(17, OffsetDateTime.class),
                r.getString(18),
                r.getString(19),
                r.getObject(20, OffsetDateTime.class),
                r.getString(21),
                r.getString(22));
    }
}

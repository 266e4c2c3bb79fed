package dev.mandate.alert.boundary;

import dev.mandate.alert.control.AlertEvents;
import dev.mandate.alert.control.AlertStore;
import dev.mandate.alert.control.Measurement;
import dev.mandate.alert.control.MetricQueries;
import dev.mandate.alert.control.SpikeCheck;
import dev.mandate.alert.entity.Alert;
import dev.mandate.alert.entity.AlertMetric;
import dev.mandate.alert.entity.AlertRuleSpec;
import dev.mandate.alert.entity.AlertScope;
import dev.mandate.alert.entity.KeyOutcome;
import dev.mandate.alert.entity.Verdict;
import dev.mandate.platform.sql.Sql;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates one rule, in a transaction of its own under the rule's row lock, so two servers (or the schedule
 * and an operator) never evaluate one rule at once: for each key it measures, a firing verdict opens an
 * alert and sends {@code alert.fired} when none is open, and only updates the open one otherwise; an open
 * alert whose key has not fired for a whole window (its last firing evaluation a window ago or more) is
 * resolved and {@code alert.resolved} sent. Within a window of a resolution the key does not fire again: that
 * window still holds the spike that was resolved.
 */
@Stateless
public class AlertEvaluation {

    @Inject
    Sql sql;

    @Inject
    MetricQueries metrics;

    @Inject
    AlertStore alerts;

    @Inject
    AlertEvents events;

    /** A rule as the evaluation reads it. */
    record Rule(String id, String tenant, String name, AlertRuleSpec spec) {}

    /** Empty when the rule is gone or disabled. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<KeyOutcome> evaluate(String ruleId, Instant now) {
        Optional<Rule> locked = sql.first(
                "select id, tenant_id, name, metric, scope, scope_value, window_seconds, baseline_windows,"
                        + " sensitivity, min_count, threshold, enabled from alert_rule where id = ? for update",
                row -> new Rule(
                        row.getString(1),
                        row.getString(2),
                        row.getString(3),
                        new AlertRuleSpec(
                                AlertMetric.valueOf(row.getString(4)),
                                AlertScope.valueOf(row.getString(5)),
                                row.getString(6),
                                row.getInt(7),
                                row.getInt(8),
                                AlertRuleSpec.normal(row.getBigDecimal(9)),
                                row.getInt(10),
                                row.getBigDecimal(11) == null ? null : AlertRuleSpec.normal(row.getBigDecimal(11)),
                                row.getBoolean(12))),
                ruleId);
        if (locked.isEmpty() || !locked.get().spec().enabled()) {
            return List.of();
        }
        Rule rule = locked.get();
        Map<String, Alert> open = new LinkedHashMap<>();
        alerts.openOf(rule.id()).forEach(alert -> open.put(alert.key(), alert));
        List<KeyOutcome> outcomes = new ArrayList<>();
        for (Measurement measured : metrics.measure(rule.tenant(), rule.spec(), now)) {
            outcomes.add(apply(rule, measured.key(), verdict(rule.spec(), measured), open.remove(measured.key()), now));
        }
        // keys no longer measured (a budget deleted): nothing fires there any more
        for (Alert gone : open.values()) {
            Verdict none = new Verdict(false, 0, 0, Double.NaN, Double.NaN, Double.NaN);
            outcomes.add(apply(rule, gone.key(), none, gone, now));
        }
        sql.update("update alert_rule set last_evaluated_at = ? where id = ?", now, rule.id());
        return outcomes;
    }

    static Verdict verdict(AlertRuleSpec rule, Measurement m) {
        if (rule.metric() == AlertMetric.BUDGET_USE) {
            double share = rule.threshold() == null
                    ? AlertMetric.DEFAULT_BUDGET_SHARE
                    : rule.threshold().doubleValue();
            return new Verdict(m.current() >= share, m.current(), m.events(), Double.NaN, Double.NaN, share);
        }
        return SpikeCheck.judge(
                m.current(),
                m.events(),
                m.baseline(),
                rule.metric().isCount(),
                rule.sensitivity().doubleValue(),
                rule.minCount(),
                rule.threshold() == null ? null : rule.threshold().doubleValue());
    }

    private KeyOutcome apply(Rule rule, String key, Verdict verdict, Alert open, Instant now) {
        if (verdict.firing()) {
            if (open == null
                    && alerts.resolvedSince(
                            rule.id(), key, now.minusSeconds(rule.spec().windowSeconds()))) {
                // the window still holds the spike someone resolved: not a new one
                return outcome(rule, key, "SUPPRESSED", null, verdict);
            }
            if (open == null) {
                String id = alerts.open(
                        rule.tenant(), rule.id(), rule.name(), rule.spec().metric(), key, verdict, now);
                events.fired(alerts.find(rule.tenant(), id).orElseThrow(), rule.spec());
                return outcome(rule, key, "FIRED", id, verdict);
            }
            alerts.stillFiring(open, verdict, now);
            return outcome(rule, key, "STILL_FIRING", open.id(), verdict);
        }
        if (open == null) {
            return outcome(rule, key, "NORMAL", null, verdict);
        }
        boolean quietForAWindow = !open.lastFiringAt()
                .toInstant()
                .plusSeconds(rule.spec().windowSeconds())
                .isAfter(now);
        if (!quietForAWindow) {
            alerts.quiet(open, verdict, now);
            return outcome(rule, key, "RECOVERING", open.id(), verdict);
        }
        alerts.quiet(open, verdict, now);
        String reason = "back to normal for a window of " + rule.spec().windowSeconds() + " s";
        if (alerts.resolve(rule.tenant(), open.id(), AlertEvents.EVALUATOR, reason, now)) {
            events.resolved(alerts.find(rule.tenant(), open.id()).orElseThrow(), rule.spec());
        }
        return outcome(rule, key, "RESOLVED", open.id(), verdict);
    }

    private static KeyOutcome outcome(Rule rule, String key, String outcome, String alertId, Verdict v) {
        return new KeyOutcome(
                rule.name(), key, outcome, alertId, number(v.value()), number(v.limit()), number(v.mean()));
    }

    private static BigDecimal number(double value) {
        return Double.isNaN(value) || Double.isInfinite(value)
                ? null
                : AlertRuleSpec.normal(BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_UP));
    }
}

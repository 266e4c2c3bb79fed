package dev.mandate.alert.boundary;

import dev.mandate.alert.entity.KeyOutcome;
import dev.mandate.platform.security.Caller;
import dev.mandate.platform.sql.Sql;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs evaluations: of one tenant's enabled rules now (an operator, a test), or of the rules evaluated
 * longest ago across tenants (the schedule). Each rule in a transaction of its own: one failing rule is
 * logged and the others go on. Bounded: at most {@link #MAX_RULES} rules per evaluation.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AlertEvaluations {

    static final int MAX_RULES = 500;

    private static final Logger LOG = Logger.getLogger(AlertEvaluations.class.getName());

    @EJB
    AlertEvaluation evaluation;

    @Inject
    Sql sql;

    /** What one evaluation did. */
    public record Result(Instant evaluatedAt, int rules, List<KeyOutcome> outcomes) {}

    /** Evaluates the caller's tenant's enabled rules now, in name order. */
    public Result evaluate(Caller caller) {
        List<String> rules = sql.list(
                "select id from alert_rule where tenant_id = ? and enabled = true order by name limit ?",
                row -> row.getString(1),
                caller.tenant(),
                MAX_RULES);
        return run(rules, true);
    }

    /** Evaluates the enabled rules of every tenant, those evaluated longest ago (or never) first. */
    public Result evaluateDue() {
        List<String> rules = sql.list(
                "select id from alert_rule where enabled = true order by last_evaluated_at nulls first, id limit ?",
                row -> row.getString(1),
                MAX_RULES);
        return run(rules, false);
    }

    private Result run(List<String> rules, boolean failLoudly) {
        Instant now = Instant.now();
        List<KeyOutcome> outcomes = new ArrayList<>();
        for (String rule : rules) {
            try {
                outcomes.addAll(evaluation.evaluate(rule, now));
            } catch (RuntimeException failed) {
                if (failLoudly) {
                    throw failed;
                }
                // the next evaluation takes it first: it was evaluated longest ago
                LOG.log(Level.WARNING, "alert rule " + rule + " not evaluated: {0}", failed.toString());
            }
        }
        return new Result(now, rules.size(), outcomes);
    }
}

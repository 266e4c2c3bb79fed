package dev.mandate.alert.entity;

import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.error.ProblemType;
import dev.mandate.platform.error.Violation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a rule says, checked: every field a request got wrong is refused at once (422, each violation naming
 * its field). Absent optional fields take their defaults.
 *
 * @param windowSeconds the current window and each baseline window, 10 s to a day
 * @param baselineWindows how many windows before the current one make the recent norm
 * @param sensitivity how many deviations above the norm's mean a spike lies
 * @param minCount the least events (for cost per task: tasks) in the current window for it to fire at all
 * @param threshold fires at this value whatever the norm; for budget use the share of the cap (0.8 if none)
 */
public record AlertRuleSpec(
        AlertMetric metric,
        AlertScope scope,
        String scopeValue,
        int windowSeconds,
        int baselineWindows,
        BigDecimal sensitivity,
        int minCount,
        BigDecimal threshold,
        boolean enabled) {

    public static final int MIN_WINDOW_SECONDS = 10;
    public static final int MAX_WINDOW_SECONDS = 86_400;
    public static final int DEFAULT_BASELINE_WINDOWS = 6;
    public static final int MAX_BASELINE_WINDOWS = 48;
    public static final BigDecimal DEFAULT_SENSITIVITY = new BigDecimal("3");
    static final BigDecimal MIN_SENSITIVITY = new BigDecimal("0.5");
    static final BigDecimal MAX_SENSITIVITY = new BigDecimal("20");
    public static final int DEFAULT_MIN_COUNT = 3;
    static final int MAX_MIN_COUNT = 1_000_000;
    static final BigDecimal MAX_THRESHOLD = new BigDecimal("1000000000");

    /** Tool, task type and workflow keys as the catalogue names them. */
    static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}");

    /** Checks a request's fields; {@code null} stands for an absent one. */
    public static AlertRuleSpec of(
            String metric,
            String scope,
            String scopeValue,
            Integer windowSeconds,
            Integer baselineWindows,
            BigDecimal sensitivity,
            Integer minCount,
            BigDecimal threshold,
            Boolean enabled) {
        List<Violation> violations = new ArrayList<>();
        AlertMetric m = null;
        if (metric == null) {
            violations.add(new Violation("metric", "is required; one of " + names(AlertMetric.values())));
        } else {
            m = parse(AlertMetric.class, metric).orElse(null);
            if (m == null) {
                violations.add(new Violation("metric", "must be one of " + names(AlertMetric.values())));
            }
        }
        AlertScope s = AlertScope.TENANT;
        if (scope != null) {
            s = parse(AlertScope.class, scope).orElse(null);
            if (s == null) {
                violations.add(new Violation("scope", "must be one of " + names(AlertScope.values())));
            } else if (m != null && !m.allows(s)) {
                violations.add(new Violation("scope", m + " is watched per " + m.scopes()));
            }
        }
        if (s == AlertScope.TENANT && scopeValue != null) {
            violations.add(new Violation("scopeValue", "must be absent for the scope TENANT"));
        } else if (s != null && s != AlertScope.TENANT) {
            if (scopeValue == null) {
                violations.add(new Violation("scopeValue", "is required: the " + s + " the rule watches"));
            } else if (!KEY.matcher(scopeValue).matches()) {
                violations.add(new Violation("scopeValue", "must be a key of at most 100 letters, digits and _ . : -"));
            }
        }
        if (windowSeconds == null) {
            violations.add(new Violation("windowSeconds", "is required"));
        } else if (windowSeconds < MIN_WINDOW_SECONDS || windowSeconds > MAX_WINDOW_SECONDS) {
            violations.add(new Violation(
                    "windowSeconds", "must be between " + MIN_WINDOW_SECONDS + " and " + MAX_WINDOW_SECONDS));
        }
        int baseline = baselineWindows == null ? DEFAULT_BASELINE_WINDOWS : baselineWindows;
        if (baseline < 1 || baseline > MAX_BASELINE_WINDOWS) {
            violations.add(new Violation("baselineWindows", "must be between 1 and " + MAX_BASELINE_WINDOWS));
        }
        BigDecimal sens = sensitivity == null ? DEFAULT_SENSITIVITY : sensitivity;
        if (sens.compareTo(MIN_SENSITIVITY) < 0 || sens.compareTo(MAX_SENSITIVITY) > 0 || sens.scale() > 2) {
            violations.add(new Violation(
                    "sensitivity",
                    "must be between " + MIN_SENSITIVITY + " and " + MAX_SENSITIVITY + " with at most 2 decimals"));
        }
        int min = minCount == null ? DEFAULT_MIN_COUNT : minCount;
        if (min < 1 || min > MAX_MIN_COUNT) {
            violations.add(new Violation("minCount", "must be between 1 and " + MAX_MIN_COUNT));
        }
        if (threshold != null) {
            if (threshold.signum() <= 0 || threshold.compareTo(MAX_THRESHOLD) > 0 || threshold.scale() > 6) {
                violations.add(new Violation(
                        "threshold", "must be above 0 and at most " + MAX_THRESHOLD + ", with at most 6 decimals"));
            } else if (m == AlertMetric.BUDGET_USE && threshold.compareTo(BigDecimal.ONE) > 0) {
                violations.add(new Violation("threshold", "is a share of the budget's cap for BUDGET_USE: at most 1"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(
                    ProblemType.UNPROCESSABLE, violations.size() + " violation(s); see 'violations'", violations);
        }
        return new AlertRuleSpec(
                m,
                s,
                s == AlertScope.TENANT ? null : scopeValue,
                windowSeconds,
                baseline,
                normal(sens),
                min,
                threshold == null ? null : normal(threshold),
                enabled == null || enabled);
    }

    /** What the audit keeps of it, e.g. {@code TOOL_ERRORS tool erp 60s x6 3.0σ min 5 enabled}. */
    public String summary() {
        return metric + " "
                + (scope == AlertScope.TENANT ? "tenant" : scope.name().toLowerCase() + " " + scopeValue)
                + " " + windowSeconds + "s x" + baselineWindows + " " + sensitivity.toPlainString() + "σ min "
                + minCount + (threshold == null ? "" : " threshold " + threshold.toPlainString())
                + (enabled ? " enabled" : " disabled");
    }

    /** Without trailing zeros and never in exponent form, so equal values compare equal. */
    public static BigDecimal normal(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static <E extends Enum<E>> Optional<E> parse(Class<E> type, String name) {
        return Arrays.stream(type.getEnumConstants())
                .filter(e -> e.name().equals(name))
                .findFirst();
    }

    private static String names(Enum<?>[] values) {
        return Arrays.toString(values);
    }
}

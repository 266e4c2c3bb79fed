package dev.mandate.policy.control;

import dev.mandate.platform.error.Violation;
import dev.mandate.platform.json.NumberRange;
import dev.mandate.policy.entity.RuleKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The ready-made rule kinds: each checks its params and generates the CEL expression the rule is stored
 * and evaluated as. Keys and domains are restricted to characters that need no quoting, so a param can
 * never change the shape of the generated expression. Every template takes an optional {@code when}
 * (a CEL bool expression) that narrows where it applies, e.g. {@code task.tool == "erp"}.
 */
public final class RuleTemplates {

    static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    static final Pattern DOMAIN =
            Pattern.compile("(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?)*");
    static final int MAX_PATH_DEPTH = 8;
    static final int MAX_LIST = 100;

    private static final Map<RuleKind, Set<String>> ALLOWED = Map.of(
            RuleKind.AMOUNT_CAP, Set.of("path", "max", "when"),
            RuleKind.DOMAIN_ALLOW, Set.of("path", "domains", "when"),
            RuleKind.DOMAIN_DENY, Set.of("path", "domains", "when"),
            RuleKind.REQUIRED_FIELDS, Set.of("paths", "when"),
            RuleKind.RATE_LIMIT, Set.of("counter", "max", "when"),
            RuleKind.EXPRESSION, Set.of());

    private RuleTemplates() {}

    /**
     * What a template generated, or the violations of its params (then expression is null). {@code check}
     * is the template's condition in Java, the same test as the generated CEL without the {@code when};
     * {@code when} is the narrowing CEL expression, if any.
     */
    public record Generated(
            String expression,
            String defaultReason,
            Map<String, Object> params,
            List<Violation> violations,
            RuleCondition check,
            String when) {}

    public static Generated generate(RuleKind kind, Map<String, Object> rawParams) {
        Map<String, Object> params = PolicyValues.map(rawParams);
        List<Violation> violations = new ArrayList<>();
        for (String name : params.keySet()) {
            if (!ALLOWED.get(kind).contains(name)) {
                violations.add(new Violation(
                        "params." + name,
                        kind == RuleKind.EXPRESSION
                                ? "EXPRESSION rules take no params (write the condition in 'expression')"
                                : "is not a param of " + kind + " (allowed: "
                                        + ALLOWED.get(kind).stream().sorted().collect(Collectors.joining(", "))
                                        + ")"));
            }
        }
        String when = optionalString(params, "when", violations);
        String condition = null;
        RuleCondition check = null;
        String reason = null;
        switch (kind) {
            case AMOUNT_CAP -> {
                List<String> path = path(params, "path", violations);
                Number max = number(params, "max", violations);
                if (path != null && max != null) {
                    condition = "exceeds(args, " + quoted(path) + ", " + literal(max) + ")";
                    check = RuleCondition.amountAbove(String.join(".", path), max);
                    reason = String.join(".", path) + " is above " + literal(max);
                }
            }
            case DOMAIN_ALLOW, DOMAIN_DENY -> {
                List<String> path = path(params, "path", violations);
                List<String> domains = domains(params, violations);
                if (path != null && domains != null) {
                    boolean allow = kind == RuleKind.DOMAIN_ALLOW;
                    condition = (allow ? "hostsOutside(args, " : "hostsWithin(args, ") + quoted(path) + ", \""
                            + String.join(",", domains) + "\")";
                    check = allow
                            ? RuleCondition.hostsOutside(String.join(".", path), String.join(",", domains))
                            : RuleCondition.hostsWithin(String.join(".", path), String.join(",", domains));
                    reason = String.join(".", path)
                            + (allow ? " names a domain outside " : " names a domain in ")
                            + String.join(", ", domains);
                }
            }
            case REQUIRED_FIELDS -> {
                List<List<String>> paths = paths(params, violations);
                if (paths != null) {
                    String joined = paths.stream().map(p -> String.join(".", p)).collect(Collectors.joining(","));
                    condition = "missingAny(args, \"" + joined + "\")";
                    check = RuleCondition.missingAny(joined);
                    reason = "a required argument is missing: one of " + joined.replace(",", ", ");
                }
            }
            case RATE_LIMIT -> {
                String counter = key(params, "counter", violations);
                Number max = number(params, "max", violations);
                if (max != null && (!(max instanceof Long) || max.longValue() < 0)) {
                    violations.add(new Violation("params.max", "must be a whole number, 0 or more"));
                    max = null;
                }
                if (counter != null && max != null) {
                    condition = "rate[\"" + counter + "\"] >= " + max;
                    check = RuleCondition.rateReached(counter, max.longValue());
                    reason = "rate limit: " + counter + " reached " + max;
                }
            }
            case EXPRESSION -> {
                return new Generated(null, null, Map.of(), violations, null, null);
            }
        }
        if (!violations.isEmpty()) {
            return new Generated(null, null, params, violations, null, null);
        }
        String expression = when == null ? condition : "(" + when + ") && (" + condition + ")";
        return new Generated(expression, reason, params, violations, check, when);
    }

    /** Keys and domains are limited to [A-Za-z0-9_-] and [a-z0-9.-]: nothing in them needs escaping. */
    private static String quoted(List<String> path) {
        return "\"" + String.join(".", path) + "\"";
    }

    private static String literal(Number n) {
        // a Double here is a number of NumberRange: its 15-digit decimal is what the CEL literal reads back as
        return n instanceof Long
                ? n.toString()
                : NumberRange.decimal(n.doubleValue()).toString();
    }

    private static List<String> path(Map<String, Object> params, String name, List<Violation> violations) {
        Object value = params.get(name);
        if (!(value instanceof String s) || s.isBlank()) {
            violations.add(new Violation(
                    "params." + name, "is required: an argument path such as \"amount\" or \"vendor.iban\""));
            return null;
        }
        return parsePath("params." + name, s, violations);
    }

    private static List<String> parsePath(String field, String s, List<Violation> violations) {
        String[] parts = (s.startsWith("args.") ? s.substring(5) : s).split("\\.", -1);
        if (parts.length > MAX_PATH_DEPTH) {
            violations.add(new Violation(field, "must be at most " + MAX_PATH_DEPTH + " keys deep"));
            return null;
        }
        for (String part : parts) {
            if (!KEY.matcher(part).matches()) {
                violations.add(new Violation(
                        field, "must be dot-separated keys of letters, digits, _ and - (max 64 each): '" + s + "'"));
                return null;
            }
        }
        return List.of(parts);
    }

    private static List<List<String>> paths(Map<String, Object> params, List<Violation> violations) {
        Object value = params.get("paths");
        if (!(value instanceof List<?> list) || list.isEmpty() || list.size() > MAX_LIST) {
            violations.add(
                    new Violation("params.paths", "is required: a list of 1 to " + MAX_LIST + " argument paths"));
            return null;
        }
        List<List<String>> paths = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String s)) {
                violations.add(new Violation("params.paths[" + i + "]", "must be a string"));
                return null;
            }
            List<String> path = parsePath("params.paths[" + i + "]", s, violations);
            if (path == null) {
                return null;
            }
            paths.add(path);
        }
        return paths;
    }

    private static List<String> domains(Map<String, Object> params, List<Violation> violations) {
        Object value = params.get("domains");
        if (!(value instanceof List<?> list) || list.isEmpty() || list.size() > MAX_LIST) {
            violations.add(new Violation("params.domains", "is required: a list of 1 to " + MAX_LIST + " domains"));
            return null;
        }
        List<String> domains = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String domain = list.get(i) instanceof String s ? s.trim().toLowerCase(Locale.ROOT) : null;
            if (domain == null || !DOMAIN.matcher(domain).matches()) {
                violations.add(new Violation("params.domains[" + i + "]", "must be a domain name such as example.com"));
                return null;
            }
            domains.add(domain);
        }
        return domains;
    }

    private static Number number(Map<String, Object> params, String name, List<Violation> violations) {
        Object value = params.get(name);
        if (value instanceof Number n) {
            Number plain = NumberRange.plain(n);
            if (plain != null) {
                return plain;
            }
            violations.add(new Violation("params." + name, NumberRange.RULE));
            return null;
        }
        violations.add(new Violation("params." + name, "is required: a number"));
        return null;
    }

    private static String key(Map<String, Object> params, String name, List<Violation> violations) {
        Object value = params.get(name);
        if (value instanceof String s && KEY.matcher(s).matches()) {
            return s;
        }
        violations.add(new Violation(
                "params." + name, "is required: a counter name of letters, digits, _ and - (e.g. agent_minute)"));
        return null;
    }

    private static String optionalString(Map<String, Object> params, String name, List<Violation> violations) {
        Object value = params.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof String s && !s.isBlank()) {
            return s;
        }
        violations.add(new Violation("params." + name, "must be a CEL bool expression"));
        return null;
    }
}

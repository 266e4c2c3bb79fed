package dev.mandate.policy.control;

import dev.mandate.platform.cache.CappedCache;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The host functions behind the rule templates, usable in EXPRESSION rules too. Each does in one call
 * what would otherwise take a dozen interpreted CEL steps (presence checks along a path, a lookup, a
 * comparison), which keeps a policy of 100 template rules cheap to evaluate. Paths are dot-separated
 * keys ({@code "vendor.iban"}); lists of paths or domains are comma-separated constants.
 */
final class ArgumentFunctions {

    private static final int MAX_CACHED = 10_000;
    // the same text may be a path ("vendor.iban": two keys) and a list ("vendor.iban": one path): one cache each
    private static final CappedCache<String, Path> PATHS = new CappedCache<>("policy.argument-paths", MAX_CACHED);
    private static final CappedCache<String, String[]> LISTS = new CappedCache<>("policy.argument-lists", MAX_CACHED);

    /**
     * A path with its keys split once. Template rules hold theirs (see {@link RuleCondition}), so their checks
     * look nothing up; an expression's constants are split once and kept (at most {@value #MAX_CACHED}).
     */
    record Path(String text, String[] keys) {

        static Path of(String text) {
            return new Path(text, split(text, "\\."));
        }
    }

    private ArgumentFunctions() {}

    /** {@code present(args, "vendor.iban")}: the path leads to a value that is neither null nor "". */
    static boolean present(Map<?, ?> root, String path) {
        return present(root, path(path));
    }

    static boolean present(Map<?, ?> root, Path path) {
        Object value = lookup(root, path, false);
        return value != null && !"".equals(value);
    }

    /** {@code valueAt(args, "payment.amount")}: the value at the path; an error when there is none. */
    static Object valueAt(Map<?, ?> root, String path) {
        Object value = lookup(root, path(path), true);
        if (value == null) {
            throw new IllegalArgumentException("no value at '" + path + "'");
        }
        return value;
    }

    /** {@code exceeds(args, "amount", 1000)}: the value is present and a number above max; not a number is an error. */
    static boolean exceeds(Map<?, ?> root, String path, Object max) {
        return exceeds(root, path(path), max);
    }

    static boolean exceeds(Map<?, ?> root, Path path, Object max) {
        Object value = lookup(root, path, false);
        if (value == null) {
            return false;
        }
        if (!(value instanceof Long || value instanceof Double)) {
            throw new IllegalArgumentException("'" + path.text() + "' is not a number but "
                    + value.getClass().getSimpleName());
        }
        return above((Number) value, (Number) max);
    }

    /**
     * {@code value > max}, exact for numbers of {@link dev.mandate.platform.json.NumberRange}: whole numbers
     * compare as longs; a whole number within ±(2^53−1) is exactly a double; distinct decimals of at most
     * 15 significant digits have distinct doubles in the same order.
     */
    static boolean above(Number value, Number max) {
        if (value instanceof Long whole && max instanceof Long limit) {
            return whole > limit;
        }
        return value.doubleValue() > max.doubleValue();
    }

    /** {@code missingAny(args, "invoice_id,vendor.iban")}: one of the paths is absent, null or "". */
    static boolean missingAny(Map<?, ?> root, String paths) {
        for (String path : list(paths)) {
            if (!present(root, path)) {
                return true;
            }
        }
        return false;
    }

    static boolean missingAny(Map<?, ?> root, Path[] paths) {
        for (Path path : paths) {
            if (!present(root, path)) {
                return true;
            }
        }
        return false;
    }

    /** {@code hostsOutside(args, "to", "example.com,partner.org")}: a host of the value is outside the domains. */
    static boolean hostsOutside(Map<?, ?> root, String path, String domains) {
        return hostsOutside(root, path(path), Arrays.asList(list(domains)));
    }

    static boolean hostsOutside(Map<?, ?> root, Path path, List<String> domains) {
        Object value = lookup(root, path, false);
        return value != null && !Hosts.allIn(value, domains);
    }

    /** {@code hostsWithin(args, "url", "pastebin.com")}: a host of the value is one of the domains (or below). */
    static boolean hostsWithin(Map<?, ?> root, String path, String domains) {
        return hostsWithin(root, path(path), Arrays.asList(list(domains)));
    }

    static boolean hostsWithin(Map<?, ?> root, Path path, List<String> domains) {
        Object value = lookup(root, path, false);
        return value != null && Hosts.anyIn(value, domains);
    }

    /** The paths of a comma-separated list, each split: for a rule that holds them. */
    static Path[] paths(String list) {
        return Arrays.stream(split(list, ",")).map(Path::of).toArray(Path[]::new);
    }

    /** The entries of a comma-separated list: for a rule that holds them. */
    static List<String> entries(String list) {
        return List.of(split(list, ","));
    }

    private static Object lookup(Map<?, ?> root, Path path, boolean strict) {
        Object current = root;
        for (String key : path.keys()) {
            if (!(current instanceof Map<?, ?> map)) {
                if (current == null && !strict) {
                    return null;
                }
                throw new IllegalArgumentException("'" + path.text() + "' does not lead through objects");
            }
            current = map.get(key);
        }
        return current;
    }

    private static Path path(String text) {
        return PATHS.get(text, Path::of);
    }

    private static String[] list(String constant) {
        return LISTS.get(constant, ArgumentFunctions::splitList);
    }

    private static String[] splitList(String constant) {
        return split(constant, ",");
    }

    private static String[] split(String constant, String separator) {
        String[] parts = constant.isEmpty() ? new String[0] : constant.split(separator, -1);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = parts[i].trim();
        }
        return parts;
    }
}

package dev.mandate.policy.control;

import dev.mandate.platform.cache.CappedCache;
import java.util.Arrays;
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
    private static final CappedCache<String, String[]> PATHS = new CappedCache<>("policy.argument-paths", MAX_CACHED);
    private static final CappedCache<String, String[]> LISTS = new CappedCache<>("policy.argument-lists", MAX_CACHED);

    private ArgumentFunctions() {}

    /** {@code present(args, "vendor.iban")}: the path leads to a value that is neither null nor "". */
    static boolean present(Map<?, ?> root, String path) {
        Object value = lookup(root, keys(path), path, false);
        return value != null && !"".equals(value);
    }

    /** {@code valueAt(args, "payment.amount")}: the value at the path; an error when there is none. */
    static Object valueAt(Map<?, ?> root, String path) {
        Object value = lookup(root, keys(path), path, true);
        if (value == null) {
            throw new IllegalArgumentException("no value at '" + path + "'");
        }
        return value;
    }

    /** {@code exceeds(args, "amount", 1000)}: the value is present and a number above max; not a number is an error. */
    static boolean exceeds(Map<?, ?> root, String path, Object max) {
        Object value = lookup(root, keys(path), path, false);
        if (value == null) {
            return false;
        }
        if (!(value instanceof Long || value instanceof Double)) {
            throw new IllegalArgumentException(
                    "'" + path + "' is not a number but " + value.getClass().getSimpleName());
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

    /** {@code hostsOutside(args, "to", "example.com,partner.org")}: a host of the value is outside the domains. */
    static boolean hostsOutside(Map<?, ?> root, String path, String domains) {
        Object value = lookup(root, keys(path), path, false);
        return value != null && !Hosts.allIn(value, Arrays.asList(list(domains)));
    }

    /** {@code hostsWithin(args, "url", "pastebin.com")}: a host of the value is one of the domains (or below). */
    static boolean hostsWithin(Map<?, ?> root, String path, String domains) {
        Object value = lookup(root, keys(path), path, false);
        return value != null && Hosts.anyIn(value, Arrays.asList(list(domains)));
    }

    private static Object lookup(Map<?, ?> root, String[] keys, String path, boolean strict) {
        Object current = root;
        for (String key : keys) {
            if (!(current instanceof Map<?, ?> map)) {
                if (current == null && !strict) {
                    return null;
                }
                throw new IllegalArgumentException("'" + path + "' does not lead through objects");
            }
            current = map.get(key);
        }
        return current;
    }

    private static String[] keys(String path) {
        return PATHS.get(path, ArgumentFunctions::splitPath);
    }

    private static String[] list(String constant) {
        return LISTS.get(constant, ArgumentFunctions::splitList);
    }

    private static String[] splitPath(String path) {
        return split(path, "\\.");
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

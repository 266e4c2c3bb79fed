package dev.mandate.policy.control;

import dev.mandate.platform.cache.CappedCache;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Hosts of email addresses and URLs, and matching them against domain lists: the functions behind
 * DOMAIN_ALLOW / DOMAIN_DENY. A domain matches itself and its subdomains ({@code example.com} matches
 * {@code mail.example.com}, not {@code badexample.com}). Anything that is not a string (or a list of
 * strings) is an evaluation error, so a rule over it fails closed.
 */
final class Hosts {

    private static final int MAX_CACHED = 10_000;
    private static final int MAX_CACHED_LENGTH = 256;
    private static final CappedCache<String, String> HOSTS =
            new CappedCache<>("policy.hosts", MAX_CACHED, value -> value.length() <= MAX_CACHED_LENGTH);

    private Hosts() {}

    /** The lower-case host of an email address ({@code a@b.com}), a URL ({@code https://b.com/x}) or a bare host. */
    static String hostOf(String value) {
        // a policy's domain rules ask for the hosts of the same few argument values, rule after rule
        return HOSTS.get(value, Hosts::parseHost);
    }

    private static String parseHost(String value) {
        String v = value.trim();
        String host;
        int scheme = v.indexOf("://");
        if (scheme > 0) {
            host = urlHost(v);
        } else if (v.regionMatches(true, 0, "mailto:", 0, 7)) {
            host = afterAt(v.substring(7));
        } else if (v.indexOf('@') >= 0) {
            host = afterAt(v);
        } else {
            host = stripPortAndPath(v);
        }
        host = host.toLowerCase(Locale.ROOT);
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return host;
    }

    static boolean anyIn(Object value, List<?> domains) {
        if (value instanceof String single) {
            return matches(hostOf(single), domains);
        }
        for (String host : hosts(value)) {
            if (matches(host, domains)) {
                return true;
            }
        }
        return false;
    }

    static boolean allIn(Object value, List<?> domains) {
        if (value instanceof String single) {
            return matches(hostOf(single), domains);
        }
        for (String host : hosts(value)) {
            if (!matches(host, domains)) {
                return false;
            }
        }
        return true;
    }

    private static List<String> hosts(Object value) {
        List<String> hosts = new ArrayList<>();
        if (value instanceof String s) {
            hosts.add(hostOf(s));
        } else if (value instanceof List<?> list) {
            for (Object element : list) {
                if (!(element instanceof String s)) {
                    throw new IllegalArgumentException("expected an email address or URL, got "
                            + (element == null ? "null" : element.getClass().getSimpleName()));
                }
                hosts.add(hostOf(s));
            }
        } else {
            throw new IllegalArgumentException("expected an email address, URL or a list of them, got "
                    + (value == null ? "null" : value.getClass().getSimpleName()));
        }
        return hosts;
    }

    private static boolean matches(String host, List<?> domains) {
        if (host.isEmpty()) {
            return false;
        }
        for (Object d : domains) {
            String domain = String.valueOf(d).toLowerCase(Locale.ROOT);
            int dot = host.length() - domain.length() - 1;
            if (host.equals(domain) || (dot >= 0 && host.charAt(dot) == '.' && host.endsWith(domain))) {
                return true;
            }
        }
        return false;
    }

    private static String urlHost(String url) {
        try {
            String host = URI.create(url).getHost();
            if (host != null) {
                return host;
            }
        } catch (IllegalArgumentException notAUri) {
            // fall through to the lenient reading below
        }
        String rest = url.substring(url.indexOf("://") + 3);
        int at = rest.lastIndexOf('@', endOfAuthority(rest));
        return stripPortAndPath(at >= 0 ? rest.substring(at + 1) : rest);
    }

    private static int endOfAuthority(String rest) {
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                return i;
            }
        }
        return rest.length();
    }

    private static String afterAt(String email) {
        String host = email.substring(email.lastIndexOf('@') + 1);
        int end = host.indexOf('>');
        return end >= 0 ? host.substring(0, end) : host;
    }

    private static String stripPortAndPath(String v) {
        int end = v.length();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == ':' || c == '/' || c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        return v.substring(0, end);
    }
}

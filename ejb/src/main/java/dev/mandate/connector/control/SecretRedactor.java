package dev.mandate.connector.control;

import com.github.benmanes.caffeine.cache.Cache;
import dev.mandate.platform.cache.Caches;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces every secret value Mandate resolved (keys, passwords, client secrets, access tokens, and the
 * base64 form of a basic-auth pair) by {@value #REDACTED} in a text, by exact match, longest first. A
 * tool's error or result may echo what it was sent: every such text passes through here before it is
 * stored. A secret is remembered for {@link #KEEP} after it was last resolved; it is resolved again (and
 * remembered) before any request carries it.
 *
 * <p>Secrets shorter than {@value #MIN_SECRET_CHARS} characters are not looked for: they would blank out
 * ordinary words, and are no secret worth the name.
 */
@ApplicationScoped
public class SecretRedactor {

    public static final String REDACTED = "[REDACTED]";
    static final int MIN_SECRET_CHARS = 4;
    static final int MAX_SECRETS = 100_000;
    static final Duration KEEP = Duration.ofHours(24);

    private final Cache<String, Boolean> secrets;

    /** The secrets by their first {@value #MIN_SECRET_CHARS} characters, longest first; rebuilt on change. */
    private volatile Map<Long, String[]> index = Map.of();

    private volatile boolean changed;

    public SecretRedactor() {
        this.secrets = Caches.named("connector.secrets")
                .maximumSize(MAX_SECRETS)
                .expireAfterWrite(KEEP)
                .removalListener((secret, present, cause) -> changed = true)
                .build();
    }

    /** Remembers a value just resolved; the next redaction looks for it. */
    public void remember(String secret) {
        if (secret == null || secret.length() < MIN_SECRET_CHARS) {
            return;
        }
        if (secrets.asMap().put(secret, Boolean.TRUE) == null) {
            changed = true;
        }
    }

    public String redact(String text) {
        if (text == null || text.length() < MIN_SECRET_CHARS) {
            return text;
        }
        Map<Long, String[]> candidates = current();
        if (candidates.isEmpty()) {
            return text;
        }
        StringBuilder redacted = null;
        int copied = 0;
        int i = 0;
        while (i <= text.length() - MIN_SECRET_CHARS) {
            String match = longestAt(text, i, candidates.get(prefix(text, i)));
            if (match == null) {
                i++;
                continue;
            }
            if (redacted == null) {
                redacted = new StringBuilder(text.length());
            }
            redacted.append(text, copied, i).append(REDACTED);
            i += match.length();
            copied = i;
        }
        return redacted == null
                ? text
                : redacted.append(text, copied, text.length()).toString();
    }

    private static String longestAt(String text, int at, String[] candidates) {
        if (candidates != null) {
            for (String secret : candidates) {
                if (text.startsWith(secret, at)) {
                    return secret;
                }
            }
        }
        return null;
    }

    private Map<Long, String[]> current() {
        if (changed) {
            synchronized (this) {
                if (changed) {
                    changed = false;
                    index = build(new ArrayList<>(secrets.asMap().keySet()));
                }
            }
        }
        return index;
    }

    private static Map<Long, String[]> build(List<String> all) {
        all.sort(Comparator.comparingInt(String::length).reversed());
        Map<Long, List<String>> byPrefix = new HashMap<>();
        for (String secret : all) {
            byPrefix.computeIfAbsent(prefix(secret, 0), p -> new ArrayList<>()).add(secret);
        }
        Map<Long, String[]> index = new HashMap<>();
        byPrefix.forEach((prefix, list) -> index.put(prefix, list.toArray(String[]::new)));
        return Map.copyOf(index);
    }

    /** The four characters from {@code at}, packed into one long. */
    private static long prefix(String text, int at) {
        return ((long) text.charAt(at) << 48)
                | ((long) text.charAt(at + 1) << 32)
                | ((long) text.charAt(at + 2) << 16)
                | text.charAt(at + 3);
    }
}

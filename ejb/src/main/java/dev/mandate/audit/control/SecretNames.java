package dev.mandate.audit.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a key names a secret, judged by its normalised name parts: the name is split at camelCase
 * humps, underscores, dashes, dots, blanks and digits ({@code db_password}, {@code sessionToken},
 * {@code x-auth-token}, {@code APIKey}, {@code private.key}) and each part, lower-cased, is compared with
 * the words that name secrets. A part must <em>be</em> such a word, so {@code keyboard}, {@code monkey},
 * {@code author} or {@code passport} name nothing secret; a few words are also recognised inside a run
 * of lower-case letters ({@code dbpassword}, {@code apikey}, {@code accesstoken}).
 *
 * <p>Qualifiers that make a name describe a secret rather than hold one keep it: {@code keyId},
 * {@code public_key}, {@code tokenType}, {@code max_tokens}, {@code session_count}. The strongest words
 * ({@code password}, {@code secret}, {@code credential}, ...) take no qualifier: {@code passwordHint}
 * still goes.
 */
public final class SecretNames {

    /** Never harmless, whatever stands next to them. */
    private static final Set<String> STRONG = Set.of(
            "password",
            "passwords",
            "passwd",
            "pwd",
            "pass",
            "passphrase",
            "secret",
            "secrets",
            "credential",
            "credentials",
            "creds",
            "cookie",
            "cookies",
            "bearer",
            "jwt",
            "pin",
            "otp",
            "totp",
            "ssn",
            "cvv",
            "cvc",
            "apikey",
            "privatekey",
            "accesskey");

    /** Secret unless a {@link #DESCRIBING} qualifier stands next to them. */
    private static final Set<String> QUALIFIABLE =
            Set.of("token", "tokens", "key", "keys", "authorization", "auth", "session", "sessionid", "sid");

    /** Words that make a name describe a secret (its kind, size, place) instead of holding it. */
    private static final Set<String> DESCRIBING = Set.of(
            "type",
            "types",
            "kind",
            "count",
            "length",
            "size",
            "name",
            "names",
            "version",
            "alg",
            "algorithm",
            "format",
            "url",
            "uri",
            "endpoint",
            "expiry",
            "expires",
            "expiration",
            "ttl",
            "timeout",
            "duration",
            "limit",
            "usage",
            "method",
            "mode",
            "scheme",
            "provider",
            "status",
            "enabled",
            "required",
            // counting model tokens, not holding one
            "max",
            "min",
            "input",
            "output",
            "prompt",
            "completion",
            "total",
            "used",
            "remaining",
            "num");

    /** Qualifiers that make only {@code key} harmless: an identifier of a key, or a key that is no secret. */
    private static final Set<String> KEY_DESCRIBING =
            Set.of("id", "ids", "public", "primary", "foreign", "sort", "partition", "idempotency", "cache", "routing");

    /** Recognised at the end of a lower-case run: {@code dbpassword}, {@code clientsecret}, {@code xauthtoken}. */
    private static final List<String> ENDINGS = List.of(
            "password",
            "passwd",
            "passphrase",
            "secret",
            "credentials",
            "credential",
            "token",
            "apikey",
            "privatekey",
            "accesskey",
            "sessionid",
            "cookie");

    /** Every word a secret name's lower-cased text must contain (the redactor's cheap pre-check). */
    static final List<String> STEMS = List.of(
            "pass", "pwd", "secret", "cred", "cookie", "bearer", "jwt", "pin", "otp", "ssn", "cvv", "cvc", "key",
            "token", "auth", "session", "sid");

    private SecretNames() {}

    /** Whether a value stored under {@code name} is a secret. */
    public static boolean isSecret(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        List<String> parts = parts(name);
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            if (STRONG.contains(part)) {
                return true;
            }
            if (QUALIFIABLE.contains(part) && !qualified(parts, part)) {
                return true;
            }
            if (part.length() > 6 && endsWithSecretWord(part)) {
                return true;
            }
        }
        return false;
    }

    private static boolean qualified(List<String> parts, String word) {
        boolean key = word.startsWith("key");
        for (String other : parts) {
            if (DESCRIBING.contains(other) || key && KEY_DESCRIBING.contains(other)) {
                return true;
            }
        }
        return false;
    }

    private static boolean endsWithSecretWord(String part) {
        if (part.contains("password") || part.contains("credential")) {
            return true;
        }
        for (String ending : ENDINGS) {
            if (part.endsWith(ending)) {
                return true;
            }
        }
        return false;
    }

    /** The name's parts, lower-cased: split at non-letters and at camelCase humps ({@code APIKey}: api, key). */
    static List<String> parts(String name) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!Character.isLetter(c)) {
                flush(parts, part);
                continue;
            }
            if (Character.isUpperCase(c) && part.length() > 0) {
                char before = name.charAt(i - 1);
                boolean nextIsLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
                if (Character.isLowerCase(before) || Character.isUpperCase(before) && nextIsLower) {
                    flush(parts, part);
                }
            }
            part.append(c);
        }
        flush(parts, part);
        return parts;
    }

    private static void flush(List<String> parts, StringBuilder part) {
        if (part.length() > 0) {
            parts.add(part.toString().toLowerCase(Locale.ROOT));
            part.setLength(0);
        }
    }
}

package dev.mandate.api.metrics;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The scraper allowed to read {@code /metrics}: {@code user:sha256-hex-of-the-password}, so the setting holds no
 * password (generate it with {@code printf %s "$PASSWORD" | sha256sum}). A request is admitted when its
 * {@code Authorization: Basic} names that user and a password of that digest; both are compared in constant
 * time. A setting that is not of that form admits nobody.
 */
record ScraperCredential(String user, byte[] passwordDigest) {

    private static final ScraperCredential NOBODY = new ScraperCredential("", new byte[0]);

    static ScraperCredential parse(String setting) {
        int colon = setting.lastIndexOf(':');
        if (colon <= 0) {
            return NOBODY;
        }
        String hex = setting.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            return NOBODY;
        }
        return new ScraperCredential(
                setting.substring(0, colon).trim(), HexFormat.of().parseHex(hex));
    }

    boolean admits(String authorization) {
        if (passwordDigest.length == 0 || authorization == null || authorization.length() > 1024) {
            return false;
        }
        if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(
                    Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return false;
        }
        boolean sameUser = MessageDigest.isEqual(sha256(decoded.substring(0, colon)), sha256(user));
        boolean samePassword = MessageDigest.isEqual(sha256(decoded.substring(colon + 1)), passwordDigest);
        return sameUser & samePassword;
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

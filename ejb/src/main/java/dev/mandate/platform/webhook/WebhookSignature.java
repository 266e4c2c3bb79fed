package dev.mandate.platform.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signatures the Standard Webhooks way: {@code webhook-signature: v1,<base64 HMAC-SHA256 of
 * "<webhook-id>.<webhook-timestamp>.<body>">}, keyed with the tenant's secret ({@code whsec_} followed by
 * the key in base64). A receiver recomputes it with the same secret and compares.
 */
public final class WebhookSignature {

    /** How a secret is written: {@code whsec_} + base64 of the key. */
    public static final String SECRET_PREFIX = "whsec_";

    /** Shorter keys are refused: an HMAC key must not be guessable. */
    public static final int MIN_KEY_BYTES = 16;

    private WebhookSignature() {}

    /** The {@code webhook-signature} header's value for one message. */
    public static String sign(byte[] key, String id, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signed = mac.doFinal((id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signed);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("HmacSHA256 is unavailable");
        }
    }

    /**
     * The key a configured secret holds ({@code whsec_<base64>}, or the base64 alone); empty when it is not
     * base64 or shorter than {@value #MIN_KEY_BYTES} bytes. Never says why, so the value is never echoed.
     */
    public static Optional<byte[]> key(String secret) {
        String base64 = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        try {
            byte[] key = Base64.getDecoder().decode(base64);
            return key.length >= MIN_KEY_BYTES ? Optional.of(key) : Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }
}

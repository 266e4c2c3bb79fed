package dev.mandate.devtoken.control;

import com.github.benmanes.caffeine.cache.Cache;
import dev.mandate.platform.cache.Caches;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The quick start's dev login as an OpenID Connect authorization server: a code is issued for the person
 * chosen on the login form, bound to the client, the redirect URI and the PKCE challenge, and exchanged once
 * within a minute. Codes live in this server's memory: the dev login is for one quick-start server, never a
 * cluster (production logs in at the enterprise IdP).
 */
@ApplicationScoped
public class DevAuthorizationCodes {

    /** What the code stands for. */
    public record Grant(
            String subject,
            List<String> groups,
            String tenant,
            String clientId,
            String redirectUri,
            String codeChallenge) {}

    /** Why an exchange was refused, in OAuth 2.0's words ({@code invalid_grant}, ...). */
    public static final class Refused extends RuntimeException {
        private final String error;

        Refused(String error, String description) {
            super(description, null, false, false);
            this.error = error;
        }

        public String error() {
            return error;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_PENDING = 10_000;

    private final Cache<String, Grant> pending = Caches.named("devtoken.authorization-codes")
            .expireAfterWrite(Duration.ofSeconds(60))
            .maximumSize(MAX_PENDING)
            .build();

    public String issue(Grant grant) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        pending.put(code, grant);
        return code;
    }

    /** The grant of a code, used up whether or not the rest matches (a code is tried once). */
    public Grant redeem(String code, String clientId, String redirectUri, String codeVerifier) {
        Grant grant = Optional.ofNullable(code)
                .map(c -> pending.asMap().remove(c))
                .orElseThrow(() -> new Refused("invalid_grant", "unknown, used or expired code"));
        if (!grant.clientId().equals(clientId)) {
            throw new Refused("invalid_grant", "the code was issued to another client");
        }
        if (!grant.redirectUri().equals(redirectUri)) {
            throw new Refused("invalid_grant", "redirect_uri differs from the authorization request's");
        }
        if (codeVerifier == null || !codeVerifier.matches("[A-Za-z0-9._~-]{43,128}")) {
            throw new Refused("invalid_grant", "code_verifier must be 43 to 128 unreserved characters");
        }
        if (!MessageDigest.isEqual(
                s256(codeVerifier).getBytes(StandardCharsets.US_ASCII),
                grant.codeChallenge().getBytes(StandardCharsets.US_ASCII))) {
            throw new Refused("invalid_grant", "code_verifier does not match the code_challenge");
        }
        return grant;
    }

    public static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

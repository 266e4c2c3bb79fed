package dev.mandate.api.security;

import dev.mandate.platform.config.ConfigKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.CallerPrincipal;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Bearer tokens MP-JWT has already verified, kept by their exact text so the next request with the same
 * token skips the signature check and claim parsing (a tenth of a decision's CPU, JFR; BENCHMARKS.md).
 * Only what MP-JWT accepted is ever kept, never past the token's {@code exp} (MP-JWT's clock skew is not
 * granted here: past {@code exp} MP-JWT decides again) and never longer than
 * {@code mandate.jwt.verified-cache-seconds}, which bounds how long a token signed by a key just removed
 * from the verification keys stays accepted. Bounded in size: when full, new tokens are simply verified
 * every time.
 */
@ApplicationScoped
public class VerifiedTokens {

    static final int MAX_TOKENS = 10_000;

    /** What the identity store answers for a remembered token. */
    public record Verified(CallerPrincipal principal, Set<String> groups, long validUntilMillis) {}

    private final Map<String, Verified> tokens = new ConcurrentHashMap<>();

    private final Clock clock;

    private final LongSupplier keepSeconds;

    public VerifiedTokens() {
        this(
                Clock.systemUTC(),
                () -> ConfigKey.JWT_VERIFIED_CACHE_SECONDS.lookup(Long.class).orElse(0L));
    }

    VerifiedTokens(Clock clock, LongSupplier keepSeconds) {
        this.clock = clock;
        this.keepSeconds = keepSeconds;
    }

    /** The verified caller for this exact token text, if it was verified and is still valid. */
    public Optional<Verified> find(String rawToken) {
        Verified verified = tokens.get(rawToken);
        if (verified == null) {
            return Optional.empty();
        }
        if (clock.millis() >= verified.validUntilMillis()) {
            tokens.remove(rawToken, verified);
            return Optional.empty();
        }
        return Optional.of(verified);
    }

    /** Keeps a token MP-JWT verified for this request; the principal must be the one MP-JWT produced. */
    public void remember(JsonWebToken token, CallerPrincipal principal) {
        long seconds = keepSeconds.getAsLong();
        // claims read as MP-JWT implementations give them: plain Java values or JSON-P values
        String raw = CallerAuthorizationFilter.string(token.getClaim(Claims.raw_token.name()));
        Long expiry = CallerAuthorizationFilter.number(token.getClaim(Claims.exp.name()));
        if (seconds <= 0 || raw == null || expiry == null || expiry <= 0 || tokens.containsKey(raw)) {
            return;
        }
        long now = clock.millis();
        long validUntil = Math.min(expiry * 1000, now + seconds * 1000);
        if (validUntil <= now || !roomFor(now)) {
            return;
        }
        tokens.put(raw, new Verified(principal, Set.copyOf(TokenClaims.groups(token)), validUntil));
    }

    int size() {
        return tokens.size();
    }

    private boolean roomFor(long now) {
        if (tokens.size() < MAX_TOKENS) {
            return true;
        }
        tokens.values().removeIf(v -> now >= v.validUntilMillis());
        return tokens.size() < MAX_TOKENS;
    }
}

package dev.mandate.api.security;

import com.github.benmanes.caffeine.cache.Expiry;
import dev.mandate.platform.cache.Caches;
import dev.mandate.platform.cache.CappedCache;
import dev.mandate.platform.config.ConfigKey;
import dev.mandate.platform.security.TokenClaims;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Bearer tokens already verified, kept by their exact text so the next request with the same token skips
 * the signature check and claim parsing (a tenth of a decision's CPU, JFR; BENCHMARKS.md). Only what the
 * verifier accepted is ever kept, never past the token's {@code exp} (the verifier's clock skew is not
 * granted here: past {@code exp} the verifier decides again) and never longer than
 * {@code mandate.jwt.verified-cache-seconds}, which bounds how long a token signed by a key just removed
 * from the verification keys stays accepted. Bounded in size: when full, new tokens are simply verified
 * every time.
 */
@ApplicationScoped
public class VerifiedTokens {

    static final int MAX_TOKENS = 10_000;

    /** A remembered token's verified claims. */
    record Verified(Map<String, Object> claims, long validUntilMillis) {}

    private final CappedCache<String, Verified> tokens;

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
        this.tokens = new CappedCache<>(
                Caches.named("api.verified-tokens")
                        .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                        .expireAfter(new UntilValid()),
                MAX_TOKENS,
                token -> true);
    }

    /** The verified claims of this exact token text, if it was verified and is still valid. */
    public Optional<Map<String, Object>> find(String rawToken) {
        Verified verified = tokens.getIfPresent(rawToken);
        return verified == null ? Optional.empty() : Optional.of(verified.claims());
    }

    /** Keeps a token the verifier has just accepted, with the claims it verified. */
    public void remember(String raw, Map<String, Object> claims) {
        long seconds = keepSeconds.getAsLong();
        Long expiry = TokenClaims.number(claims.get("exp"));
        if (seconds <= 0 || expiry == null || expiry <= 0 || tokens.contains(raw)) {
            return;
        }
        long now = clock.millis();
        long validUntil = Math.min(expiry * 1000, now + seconds * 1000);
        if (validUntil <= now) {
            return;
        }
        tokens.keep(raw, new Verified(Collections.unmodifiableMap(new HashMap<>(claims)), validUntil));
    }

    int size() {
        return Math.toIntExact(tokens.size());
    }

    /** An entry expires at its {@code validUntilMillis}; the cache's clock is the same wall clock, in nanoseconds. */
    private static final class UntilValid implements Expiry<String, Verified> {

        @Override
        public long expireAfterCreate(String token, Verified verified, long now) {
            return TimeUnit.MILLISECONDS.toNanos(verified.validUntilMillis()) - now;
        }

        @Override
        public long expireAfterUpdate(String token, Verified verified, long now, long remaining) {
            return expireAfterCreate(token, verified, now);
        }

        @Override
        public long expireAfterRead(String token, Verified verified, long now, long remaining) {
            return remaining;
        }
    }
}

package dev.mandate.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private static final long NOW = 1_800_000_000L;

    private final MovableClock clock = new MovableClock(NOW * 1000);

    private final VerifiedTokens tokens = new VerifiedTokens(clock, () -> 300);

    @Test
    void aRememberedTokenIsFoundByItsExactTextWithItsPrincipalAndGroups() {
        Token token = new Token("header.payload.signature", NOW + 3600, "agent");
        tokens.remember(token, token);

        assertThat(tokens.find("header.payload.signature")).hasValueSatisfying(verified -> {
            assertThat(verified.principal()).isSameAs(token);
            assertThat(verified.groups()).containsExactly("agent");
        });
        assertThat(tokens.find("header.payload.signaturX")).isEmpty();
        assertThat(tokens.find("header.payload.signature ")).isEmpty();
    }

    @Test
    void aTokenIsNeverFoundAtOrPastItsExpiry() {
        Token token = new Token("t", NOW + 10, "agent");
        tokens.remember(token, token);

        clock.now = (NOW + 9) * 1000 + 999;
        assertThat(tokens.find("t")).isPresent();
        clock.now = (NOW + 10) * 1000;
        assertThat(tokens.find("t")).isEmpty();
        assertThat(tokens.size()).isZero();
    }

    @Test
    void aTokenIsKeptNoLongerThanTheConfiguredTimeEvenIfItLivesLonger() {
        Token token = new Token("t", NOW + 86_400, "agent");
        tokens.remember(token, token);

        clock.now = (NOW + 299) * 1000;
        assertThat(tokens.find("t")).isPresent();
        clock.now = (NOW + 300) * 1000;
        assertThat(tokens.find("t")).isEmpty();
    }

    @Test
    void nothingIsKeptWhenTheCacheIsSwitchedOffOrTheTokenHasNoExpiry() {
        VerifiedTokens off = new VerifiedTokens(clock, () -> 0);
        Token token = new Token("t", NOW + 3600, "agent");
        off.remember(token, token);
        assertThat(off.find("t")).isEmpty();

        Token noExpiry = new Token("u", 0, "agent");
        tokens.remember(noExpiry, noExpiry);
        assertThat(tokens.find("u")).isEmpty();

        Token expired = new Token("v", NOW - 1, "agent");
        tokens.remember(expired, expired);
        assertThat(tokens.find("v")).isEmpty();
    }

    @Test
    void whenFullExpiredTokensMakeRoomAndOtherwiseNewTokensAreNotKept() {
        for (int i = 0; i < VerifiedTokens.MAX_TOKENS; i++) {
            Token token = new Token("t" + i, i == 0 ? NOW + 5 : NOW + 3600, "agent");
            tokens.remember(token, token);
        }
        Token late = new Token("late", NOW + 3600, "agent");
        tokens.remember(late, late);
        assertThat(tokens.find("late")).isEmpty();
        assertThat(tokens.size()).isEqualTo(VerifiedTokens.MAX_TOKENS);

        clock.now = (NOW + 6) * 1000;
        tokens.remember(late, late);
        assertThat(tokens.find("late")).isPresent();
        assertThat(tokens.size()).isEqualTo(VerifiedTokens.MAX_TOKENS);
    }

    @Test
    void theStoreReadsTheTokenOnlyFromACredentialThatCarriesASignedJwt() {
        assertThat(VerifiedTokenStore.rawToken(new JwtCredential("a.b.c"))).hasValue("a.b.c");
        assertThat(VerifiedTokenStore.rawToken(new UsernamePasswordCredential("u", "p")))
                .isEmpty();
        assertThat(VerifiedTokenStore.rawToken(null)).isEmpty();
    }

    @Test
    void theStoreAnswersValidOnlyForARememberedTokenAndOtherwiseStepsAside() {
        VerifiedTokenStore store = new VerifiedTokenStore();
        store.tokens = tokens;
        Token token = new Token("a.b.c", NOW + 3600, "agent");
        tokens.remember(token, token);

        var valid = store.validate(new JwtCredential("a.b.c"));
        assertThat(valid.getStatus())
                .isEqualTo(jakarta.security.enterprise.identitystore.CredentialValidationResult.Status.VALID);
        assertThat(valid.getCallerPrincipal()).isSameAs(token);
        assertThat(valid.getCallerGroups()).containsExactly("agent");
        assertThat(store.validate(new JwtCredential("a.b.d")).getStatus())
                .isEqualTo(jakarta.security.enterprise.identitystore.CredentialValidationResult.Status.NOT_VALIDATED);
        assertThat(store.validate(new UsernamePasswordCredential("u", "p")).getStatus())
                .isEqualTo(jakarta.security.enterprise.identitystore.CredentialValidationResult.Status.NOT_VALIDATED);
    }

    /** Shaped like MP-JWT's credential: a public getSignedJWT(). */
    public static final class JwtCredential implements Credential {
        private final String jwt;

        JwtCredential(String jwt) {
            this.jwt = jwt;
        }

        public String getSignedJWT() {
            return jwt;
        }
    }

    private static final class Token extends CallerPrincipal implements JsonWebToken {
        private final Map<String, Object> claims;

        Token(String raw, long exp, String group) {
            super("subject");
            claims = Map.of(
                    Claims.raw_token.name(), raw,
                    Claims.exp.name(), Json.createValue(exp),
                    Claims.groups.name(), Set.of(group));
        }

        @Override
        public Set<String> getClaimNames() {
            return claims.keySet();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String name) {
            return (T) claims.get(name);
        }
    }

    private static final class MovableClock extends Clock {
        long now;

        MovableClock(long now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public long millis() {
            return now;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now);
        }
    }
}

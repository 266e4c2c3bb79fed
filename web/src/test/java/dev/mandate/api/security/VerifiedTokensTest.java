package dev.mandate.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private static final long NOW = 1_800_000_000L;

    private final MovableClock clock = new MovableClock(NOW * 1000);

    private final VerifiedTokens tokens = new VerifiedTokens(clock, () -> 300);

    @Test
    void aRememberedTokenIsFoundByItsExactTextWithItsClaims() {
        Token token = new Token("header.payload.signature", NOW + 3600, "agent");
        remember(token);

        assertThat(tokens.find("header.payload.signature")).hasValueSatisfying(claims -> {
            assertThat(claims).containsEntry("sub", "subject");
            assertThat(claims.get("groups")).isEqualTo(List.of("agent"));
        });
        assertThat(tokens.find("header.payload.signaturX")).isEmpty();
        assertThat(tokens.find("header.payload.signature ")).isEmpty();
    }

    @Test
    void aTokenIsNeverFoundAtOrPastItsExpiry() {
        Token token = new Token("t", NOW + 10, "agent");
        remember(token);

        clock.now = (NOW + 9) * 1000 + 999;
        assertThat(tokens.find("t")).isPresent();
        clock.now = (NOW + 10) * 1000;
        assertThat(tokens.find("t")).isEmpty();
        assertThat(tokens.size()).isZero();
    }

    @Test
    void aTokenIsKeptNoLongerThanTheConfiguredTimeEvenIfItLivesLonger() {
        Token token = new Token("t", NOW + 86_400, "agent");
        remember(token);

        clock.now = (NOW + 299) * 1000;
        assertThat(tokens.find("t")).isPresent();
        clock.now = (NOW + 300) * 1000;
        assertThat(tokens.find("t")).isEmpty();
    }

    @Test
    void nothingIsKeptWhenTheCacheIsSwitchedOffOrTheTokenHasNoExpiry() {
        VerifiedTokens off = new VerifiedTokens(clock, () -> 0);
        Token token = new Token("t", NOW + 3600, "agent");
        off.remember(token.raw(), token.claims());
        assertThat(off.find("t")).isEmpty();

        Token noExpiry = new Token("u", 0, "agent");
        remember(noExpiry);
        assertThat(tokens.find("u")).isEmpty();

        Token expired = new Token("v", NOW - 1, "agent");
        remember(expired);
        assertThat(tokens.find("v")).isEmpty();
    }

    @Test
    void whenFullExpiredTokensMakeRoomAndOtherwiseNewTokensAreNotKept() {
        for (int i = 0; i < VerifiedTokens.MAX_TOKENS; i++) {
            Token token = new Token("t" + i, i == 0 ? NOW + 5 : NOW + 3600, "agent");
            remember(token);
        }
        Token late = new Token("late", NOW + 3600, "agent");
        remember(late);
        assertThat(tokens.find("late")).isEmpty();
        assertThat(tokens.size()).isEqualTo(VerifiedTokens.MAX_TOKENS);

        clock.now = (NOW + 6) * 1000;
        remember(late);
        assertThat(tokens.find("late")).isPresent();
        assertThat(tokens.size()).isEqualTo(VerifiedTokens.MAX_TOKENS);
    }

    @Test
    void aClaimOfJsonNullIsKeptAsNoValue() {
        Map<String, Object> claims = new HashMap<>(new Token("n", NOW + 3600, "agent").claims());
        claims.put("odd", null);
        tokens.remember("n", claims);
        assertThat(tokens.find("n")).hasValueSatisfying(kept -> assertThat(kept).containsEntry("odd", null));
    }

    private void remember(Token token) {
        tokens.remember(token.raw(), token.claims());
    }

    /** A verified token's text and claims, as the verifier gives them (times in epoch seconds). */
    private record Token(String raw, Map<String, Object> claims) {
        Token(String raw, long exp, String group) {
            this(raw, Map.of("sub", "subject", "exp", exp, "groups", List.of(group)));
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

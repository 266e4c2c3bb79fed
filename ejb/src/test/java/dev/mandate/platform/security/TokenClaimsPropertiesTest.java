package dev.mandate.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.mandate.platform.error.ProblemType;
import jakarta.json.Json;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Token claims of any shape (a correctly signed token is still input): turning them into a caller never
 * throws, and gives either a caller whose tenant, subject and groups are usable, or a 401/403 problem.
 */
class TokenClaimsPropertiesTest {

    private static final List<String> ROLES = List.of(BuiltInRole.ADMIN, BuiltInRole.AGENT);

    @Property(tries = 2000)
    void anyClaimShapeGivesACallerOrA4xx(
            @ForAll("claimValues") Object tenant,
            @ForAll("claimValues") Object subject,
            @ForAll("claimValues") Object groups,
            @ForAll("claimValues") Object notBefore) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("tenant", tenant);
        claims.put("sub", subject);
        claims.put("groups", groups);
        claims.put("nbf", notBefore);
        TokenClaims.Outcome outcome = assertTimeoutPreemptively(
                Duration.ofSeconds(5), () -> TokenClaims.caller(claims, ROLES, "tenant", 60, 1_700_000_000L));

        if (outcome.caller() != null) {
            assertThat(TenantId.isValid(outcome.caller().tenant())).isTrue();
            assertThat(outcome.caller().subject()).isNotBlank().hasSizeLessThanOrEqualTo(TokenClaims.MAX_SUBJECT);
            assertThat(outcome.caller().groups()).doesNotContainNull().containsAnyElementsOf(ROLES);
            if (outcome.caller().isAgent()) {
                assertThat(outcome.caller().subject()).hasSizeLessThanOrEqualTo(TokenClaims.MAX_AGENT_SUBJECT);
            }
        } else {
            assertThat(outcome.refusal())
                    .isIn(ProblemType.UNAUTHENTICATED, ProblemType.FORBIDDEN, ProblemType.AGENT_NOT_ACTIVE);
            assertThat(outcome.refusal().status()).isBetween(400, 499);
        }
    }

    @Example
    void aSignedTokenWithoutGroupsIsForbiddenNotAFailure() {
        Map<String, Object> claims = new HashMap<>(Map.of("tenant", "acme", "sub", "alice"));
        TokenClaims.Outcome outcome = TokenClaims.caller(claims, ROLES, "tenant", 60, 0);
        assertThat(outcome.refusal()).isEqualTo(ProblemType.FORBIDDEN);
    }

    @Example
    void anAgentSubjectLongerThanAnAgentIdIsNoAgent() {
        Map<String, Object> claims =
                new HashMap<>(Map.of("tenant", "acme", "sub", "a".repeat(129), "groups", Set.of(BuiltInRole.AGENT)));
        TokenClaims.Outcome outcome = TokenClaims.caller(claims, ROLES, "tenant", 60, 0);
        assertThat(outcome.refusal()).isEqualTo(ProblemType.AGENT_NOT_ACTIVE);
    }

    @Example
    void aSubjectLongerThanTheAuditsActorColumnIsUnauthenticated() {
        Map<String, Object> claims =
                new HashMap<>(Map.of("tenant", "acme", "sub", "a".repeat(257), "groups", Set.of(BuiltInRole.ADMIN)));
        TokenClaims.Outcome outcome = TokenClaims.caller(claims, ROLES, "tenant", 60, 0);
        assertThat(outcome.refusal()).isEqualTo(ProblemType.UNAUTHENTICATED);
    }

    @Example
    void anNbfBeyondTheLongRangeIsNeverValidYet() {
        Map<String, Object> claims = new HashMap<>(Map.of(
                "tenant",
                "acme",
                "sub",
                "alice",
                "groups",
                Set.of(BuiltInRole.ADMIN),
                "nbf",
                Json.createValue(new BigDecimal("18446744073709551916"))));
        TokenClaims.Outcome outcome = TokenClaims.caller(claims, ROLES, "tenant", 60, 1_700_000_000L);
        assertThat(outcome.refusal()).isEqualTo(ProblemType.UNAUTHENTICATED);
        assertThat(TokenClaims.number(Json.createValue(new BigDecimal("1700000000.9"))))
                .isEqualTo(1_700_000_000L);
        assertThat(TokenClaims.number(Json.createValue(new BigDecimal("-1e-999999999"))))
                .isEqualTo(-1L);
        assertThat(TokenClaims.number(Json.createValue(new BigDecimal("-1e400"))))
                .isEqualTo(Long.MIN_VALUE);
    }

    @Provide
    Arbitrary<Object> claimValues() {
        Arbitrary<String> text = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(300),
                Arbitraries.of("acme", "alice", "mandate-admin", "mandate-agent", "", " ", "\u0000", "a".repeat(300)));
        return Arbitraries.oneOf(
                Arbitraries.just(null),
                text.map(s -> (Object) s),
                text.map(s -> (Object) Json.createValue(s)),
                Arbitraries.longs().map(n -> (Object) n),
                Arbitraries.longs().map(n -> (Object) Json.createValue(n)),
                Arbitraries.of(
                                new BigDecimal("1e400"),
                                new BigDecimal("-1e-999999999"),
                                new BigDecimal("18446744073709551916"))
                        .map(n -> (Object) Json.createValue(n)),
                text.set().ofMaxSize(5).map(s -> (Object) s),
                Arbitraries.of(
                        (Object) Set.of("mandate-admin"),
                        Set.of(BuiltInRole.AGENT),
                        List.of(1, 2),
                        Json.createArrayBuilder()
                                .add("mandate-admin")
                                .add(5)
                                .addNull()
                                .build(),
                        Json.createArrayBuilder().add(BuiltInRole.AGENT).build(),
                        Json.createObjectBuilder().add("a", 1).build(),
                        jakarta.json.JsonValue.TRUE,
                        Map.of("x", "y")));
    }
}

package dev.mandate.it.security;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.nimbusds.jose.JWSAlgorithm;
import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import java.time.Instant;
import java.util.Date;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every token an attacker or a misconfigured client could send is refused with 401 problem+json. */
class JwtIT extends MandateIT {

    private static final String TENANT = newTenant();

    static Stream<Arguments> rejectedTokens() {
        String admin = Tokens.ADMIN;
        return Stream.of(
                Arguments.of("unsigned (alg none)", Tokens.unsigned(TENANT, admin)),
                Arguments.of("HS256 signed with the public key", Tokens.hs256WithPublicKey(TENANT, admin)),
                Arguments.of("signed by an unknown key", Tokens.signedByUnknownKey(TENANT, admin)),
                Arguments.of("wrong issuer", Tokens.with(TENANT, "x", c -> c.issuer("https://evil.example"), admin)),
                Arguments.of("wrong audience", Tokens.with(TENANT, "x", c -> c.audience("someone-else"), admin)),
                Arguments.of(
                        "expired",
                        Tokens.with(
                                TENANT,
                                "x",
                                c -> c.issueTime(Date.from(Instant.now().minusSeconds(7200)))
                                        .expirationTime(Date.from(Instant.now().minusSeconds(3600))),
                                admin)),
                Arguments.of(
                        "not yet valid (nbf in 10 minutes)",
                        Tokens.with(
                                TENANT,
                                "x",
                                c -> c.notBeforeTime(Date.from(Instant.now().plusSeconds(600))),
                                admin)),
                Arguments.of("tampered payload", Tokens.tampered(TENANT, newTenant())),
                Arguments.of("no tenant claim", Tokens.with(TENANT, "x", c -> c.claim("tenant", null), admin)),
                Arguments.of(
                        "malformed tenant claim", Tokens.with(TENANT, "x", c -> c.claim("tenant", "../other"), admin)),
                Arguments.of(
                        "signed with an algorithm not configured (RS512)",
                        Tokens.signedWith(JWSAlgorithm.RS512, TENANT, admin)),
                Arguments.of("no iat", Tokens.with(TENANT, "x", c -> c.issueTime(null), admin)),
                Arguments.of("no exp", Tokens.with(TENANT, "x", c -> c.expirationTime(null), admin)),
                Arguments.of("no sub", Tokens.with(TENANT, "x", c -> c.subject(null), admin)),
                Arguments.of("encrypted (JWE header)", "eyJhbGciOiJSU0EtT0FFUC0yNTYiLCJlbmMiOiJBMjU2R0NNIn0.a.b.c.d"),
                Arguments.of("not a JWT at all", "not-a-jwt"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedTokens")
    void rejectedWith401(String why, String token) {
        as(token)
                .get("/api/v1/agents")
                .then()
                .statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo("urn:mandate:problem:unauthenticated"))
                .body("status", equalTo(401));
    }

    @Test
    void missingTokenIs401() {
        anonymous()
                .get("/api/v1/agents")
                .then()
                .statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void otherAuthorizationSchemesAre401AndTheBearerSchemeIsReadInAnyCase() {
        anonymous()
                .header("Authorization", "Basic YWRtaW46YWRtaW4=")
                .get("/api/v1/agents")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo("urn:mandate:problem:unauthenticated"));
        anonymous()
                .header("Authorization", "bearer " + Tokens.admin(TENANT))
                .get("/api/v1/me")
                .then()
                .statusCode(200);
    }

    @Test
    void aRefusedTokenSaysWhichCheckFailed() {
        as(Tokens.with(TENANT, "x", c -> c.audience("someone-else"), Tokens.ADMIN))
                .get("/api/v1/me")
                .then()
                .statusCode(401)
                .body("detail", containsString("audience"));
    }

    @Test
    void writesWithoutTokenAre401AndNothingHappens() {
        anonymous()
                .body("{\"name\":\"sneaky\",\"sponsor\":\"x\"}")
                .post("/api/v1/agents")
                .then()
                .statusCode(401);
    }

    @Test
    void validTokenWithTheWrongRoleIs403() {
        as(Tokens.of(TENANT, "reader", Tokens.AUDITOR))
                .body("{\"name\":\"by-auditor\",\"sponsor\":\"x\"}")
                .post("/api/v1/agents")
                .then()
                .statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("urn:mandate:problem:forbidden"))
                .body("detail", containsString("mandate-admin"));
    }

    @Test
    void tokenWithOnlyUnknownGroupsIs403() {
        as(Tokens.of(TENANT, "nobody", "finance-approver"))
                .get("/api/v1/agents")
                .then()
                .statusCode(403);
    }

    @Test
    void validTokenIsAccepted() {
        as(Tokens.admin(TENANT)).get("/api/v1/me").then().statusCode(200).body("tenant", equalTo(TENANT));
    }

    // A verified token is remembered (VerifiedTokens): the requests after the first take that path.

    @Test
    void aRememberedTokenKeepsItsCallerAndGroups() {
        String auditor = Tokens.of(TENANT, "remembered-auditor", Tokens.AUDITOR);
        for (int i = 0; i < 3; i++) {
            as(auditor).get("/api/v1/me").then().statusCode(200).body("subject", equalTo("remembered-auditor"));
            as(auditor)
                    .body("{\"name\":\"by-auditor\",\"sponsor\":\"x\"}")
                    .post("/api/v1/agents")
                    .then()
                    .statusCode(403)
                    .body("detail", containsString("mandate-admin"));
        }
    }

    @Test
    void aCopyOfARememberedTokenWithAnotherSignatureIsRefused() {
        String token = Tokens.admin(TENANT);
        as(token).get("/api/v1/me").then().statusCode(200);
        as(token).get("/api/v1/me").then().statusCode(200);
        // a character inside the signature: the last one may only carry padding bits
        int at = token.length() - 20;
        String forged = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);
        as(forged).get("/api/v1/me").then().statusCode(401);
        as(forged).get("/api/v1/me").then().statusCode(401);
    }

    /** Past exp only the verifier decides: its clock skew (60 s) is not extended by the token having been seen. */
    @Test
    void aTokenAcceptedWithinTheClockSkewIsRefusedOnceTheSkewHasPassed() throws InterruptedException {
        Instant expiry = Instant.now().minusSeconds(56);
        String token = Tokens.with(
                TENANT,
                "x",
                c -> c.issueTime(Date.from(expiry.minusSeconds(600))).expirationTime(Date.from(expiry)),
                Tokens.ADMIN);
        as(token).get("/api/v1/me").then().statusCode(200);
        as(token).get("/api/v1/me").then().statusCode(200);
        Thread.sleep(Math.max(0, expiry.plusSeconds(61).toEpochMilli() - System.currentTimeMillis()));
        as(token).get("/api/v1/me").then().statusCode(401);
    }
}

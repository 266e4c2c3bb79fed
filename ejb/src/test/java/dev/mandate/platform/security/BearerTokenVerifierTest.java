package dev.mandate.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class BearerTokenVerifierTest {

    private static final String ISSUER = "https://idp.example.com";

    private static final KeyPair TRUSTED = keyPair("RSA");
    private static final KeyPair OTHER = keyPair("RSA");
    private static final Path PEM = pem(TRUSTED);

    private final BearerTokenVerifier verifier = new BearerTokenVerifier();

    private final BearerTokenVerifier.Settings settings = settings(PEM.toString(), Set.of(JWSAlgorithm.RS256));

    @Test
    void aTokenOfTheTrustedIssuerGivesItsClaimsWithTimesInSeconds() throws Exception {
        long exp = Instant.now().plusSeconds(600).getEpochSecond();
        Map<String, Object> claims = verifier.verify(
                sign(TRUSTED, JWSAlgorithm.RS256, null, c -> c.expirationTime(new Date(exp * 1000))), settings);

        assertThat(claims)
                .containsEntry("sub", "alice")
                .containsEntry("tenant", "acme")
                .containsEntry("exp", exp)
                .containsEntry("groups", List.of("mandate-admin"));
    }

    @Test
    void theKeysMayBeAFileUrlOrAJwkSetWithKeyIds() throws Exception {
        Path jwks = Files.createTempFile("keys", ".json");
        Files.writeString(
                jwks,
                new JWKSet(new RSAKey.Builder((RSAPublicKey) TRUSTED.getPublic())
                                .keyID("k1")
                                .build())
                        .toString());
        String token = sign(TRUSTED, JWSAlgorithm.RS256, null, c -> c);

        assertThat(verifier.verify(token, settings("file:" + PEM, Set.of(JWSAlgorithm.RS256))))
                .containsEntry("sub", "alice");
        assertThat(new BearerTokenVerifier().verify(token, settings(jwks.toString(), Set.of(JWSAlgorithm.RS256))))
                .containsEntry("sub", "alice");
    }

    @Test
    void onlyABearerAuthorizationGivesAToken() {
        assertThat(BearerTokenVerifier.bearerToken("Bearer a.b.c")).isEqualTo("a.b.c");
        assertThat(BearerTokenVerifier.bearerToken("bearer a.b.c")).isEqualTo("a.b.c");
        assertThat(BearerTokenVerifier.bearerToken("BEARER   a.b.c ")).isEqualTo("a.b.c");
        assertThat(BearerTokenVerifier.bearerToken(null)).isNull();
        assertThat(BearerTokenVerifier.bearerToken("")).isNull();
        assertThat(BearerTokenVerifier.bearerToken("Bearer")).isNull();
        assertThat(BearerTokenVerifier.bearerToken("Bearer ")).isNull();
        assertThat(BearerTokenVerifier.bearerToken("Bearer    ")).isNull();
        assertThat(BearerTokenVerifier.bearerToken("Basic dXNlcjpwYXNz")).isNull();
        assertThat(BearerTokenVerifier.bearerToken("Bearera.b.c")).isNull();
        assertThat(BearerTokenVerifier.bearerToken("a.b.c")).isNull();
    }

    @Test
    void forgedOrMisdirectedTokensAreRejected() {
        long past = Instant.now().minusSeconds(3600).getEpochSecond();
        List<String> rejected = List.of(
                new PlainJWT(claims().build()).serialize(),
                hs256WithThePublicKey(),
                sign(OTHER, JWSAlgorithm.RS256, null, c -> c),
                sign(TRUSTED, JWSAlgorithm.RS512, null, c -> c),
                sign(TRUSTED, JWSAlgorithm.RS256, null, c -> c.issuer("https://evil.example")),
                sign(TRUSTED, JWSAlgorithm.RS256, null, c -> c.audience("someone-else")),
                sign(TRUSTED, JWSAlgorithm.RS256, null, c -> c.expirationTime(new Date(past * 1000))),
                sign(
                        TRUSTED,
                        JWSAlgorithm.RS256,
                        null,
                        c -> c.notBeforeTime(Date.from(Instant.now().plusSeconds(600)))),
                sign(TRUSTED, JWSAlgorithm.RS256, null, c -> c.subject(null)),
                sign(TRUSTED, JWSAlgorithm.RS256, null, c -> c.issueTime(null)),
                sign(TRUSTED, JWSAlgorithm.RS256, null, c -> c.expirationTime(null)),
                sign(TRUSTED, JWSAlgorithm.RS256, new JOSEObjectType("secevent+jwt"), c -> c),
                tampered(),
                "not-a-jwt",
                "",
                "a".repeat(BearerTokenVerifier.MAX_TOKEN_CHARS + 1));
        for (String token : rejected) {
            assertThatThrownBy(() -> verifier.verify(token, settings))
                    .isInstanceOf(BearerTokenVerifier.RejectedToken.class)
                    .hasMessageNotContaining(Base64.getEncoder()
                            .encodeToString(TRUSTED.getPublic().getEncoded())
                            .substring(0, 40));
        }
    }

    @Test
    void expiryHasTheConfiguredLeewayAndNoMore() throws Exception {
        String justExpired = sign(
                TRUSTED,
                JWSAlgorithm.RS256,
                null,
                c -> c.expirationTime(Date.from(Instant.now().minusSeconds(30))));
        assertThat(verifier.verify(justExpired, settings)).containsEntry("sub", "alice");
        BearerTokenVerifier.Settings strict = new BearerTokenVerifier.Settings(
                PEM.toString(), ISSUER, Set.of("mandate"), Set.of(JWSAlgorithm.RS256), 10);
        assertThatThrownBy(() -> verifier.verify(justExpired, strict))
                .isInstanceOf(BearerTokenVerifier.RejectedToken.class);
    }

    @Test
    void aPemKeyVerifiesTokensWhateverKeyIdTheyName() throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID("mandate-quickstart")
                        .build(),
                claims().build());
        jwt.sign(new RSASSASigner(TRUSTED.getPrivate()));
        assertThat(verifier.verify(jwt.serialize(), settings)).containsEntry("sub", "alice");

        SignedJWT forged = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID("mandate-quickstart")
                        .build(),
                claims().build());
        forged.sign(new RSASSASigner(OTHER.getPrivate()));
        assertThatThrownBy(() -> verifier.verify(forged.serialize(), settings))
                .isInstanceOf(BearerTokenVerifier.RejectedToken.class);
    }

    @Test
    void accessTokenTypesIdpsSendAreAccepted() throws Exception {
        for (JOSEObjectType type : List.of(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"))) {
            assertThat(verifier.verify(sign(TRUSTED, JWSAlgorithm.RS256, type, c -> c), settings))
                    .containsEntry("sub", "alice");
        }
    }

    @Test
    void anEcKeyVerifiesTheAlgorithmsConfiguredForIt() throws Exception {
        KeyPair ec = keyPair("EC");
        BearerTokenVerifier.Settings ecSettings = settings(pem(ec).toString(), Set.of(JWSAlgorithm.ES256));
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256), claims().build());
        jwt.sign(new ECDSASigner((ECPrivateKey) ec.getPrivate()));

        assertThat(verifier.verify(jwt.serialize(), ecSettings)).containsEntry("sub", "alice");
        assertThatThrownBy(() -> verifier.verify(sign(TRUSTED, JWSAlgorithm.RS256, null, c -> c), ecSettings))
                .isInstanceOf(BearerTokenVerifier.RejectedToken.class);
    }

    @Test
    void withoutIssuerKeysOrAnAsymmetricAlgorithmNothingIsAccepted() {
        String token = sign(TRUSTED, JWSAlgorithm.RS256, null, c -> c);
        for (BearerTokenVerifier.Settings unusable : List.of(
                new BearerTokenVerifier.Settings(null, ISSUER, Set.of(), Set.of(JWSAlgorithm.RS256), 60),
                new BearerTokenVerifier.Settings(PEM.toString(), null, Set.of(), Set.of(JWSAlgorithm.RS256), 60),
                new BearerTokenVerifier.Settings(PEM.toString(), ISSUER, Set.of(), Set.of(), 60),
                new BearerTokenVerifier.Settings(
                        "/no/such/keys.pem", ISSUER, Set.of(), Set.of(JWSAlgorithm.RS256), 60))) {
            assertThatThrownBy(() -> new BearerTokenVerifier().verify(token, unusable))
                    .isInstanceOf(BearerTokenVerifier.RejectedToken.class);
        }
    }

    @Property(tries = 500)
    void anyTextIsEitherATokenOrARejection(@ForAll @StringLength(max = 400) String text) {
        String token = text.length() % 2 == 0 ? text : "eyJhbGciOiJSUzI1NiJ9." + text + ".c2ln";
        assertThatThrownBy(() -> verifier.verify(token, settings))
                .isInstanceOf(BearerTokenVerifier.RejectedToken.class);
    }

    private static BearerTokenVerifier.Settings settings(String location, Set<JWSAlgorithm> algorithms) {
        return new BearerTokenVerifier.Settings(location, ISSUER, Set.of("mandate"), algorithms, 60);
    }

    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience("mandate")
                .subject("alice")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)))
                .claim("tenant", "acme")
                .claim("groups", List.of("mandate-admin"));
    }

    private static String sign(
            KeyPair key, JWSAlgorithm algorithm, JOSEObjectType type, UnaryOperator<JWTClaimsSet.Builder> change) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(algorithm).type(type).build(),
                    change.apply(claims()).build());
            jwt.sign(new RSASSASigner(key.getPrivate()));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hs256WithThePublicKey() {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims().build());
            jwt.sign(new MACSigner(pemText(TRUSTED).getBytes(StandardCharsets.US_ASCII)));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tampered() {
        String[] parts = sign(TRUSTED, JWSAlgorithm.RS256, null, c -> c).split("\\.");
        String payload = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("acme", "evil")
                        .getBytes(StandardCharsets.UTF_8));
        return parts[0] + "." + payload + "." + parts[2];
    }

    private static KeyPair keyPair(String algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("EC")) {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                generator.initialize(2048);
            }
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pemText(KeyPair key) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(key.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    private static Path pem(KeyPair key) {
        try {
            Path file = Files.createTempFile("public", ".pem");
            Files.writeString(file, pemText(key));
            file.toFile().deleteOnExit();
            return file;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

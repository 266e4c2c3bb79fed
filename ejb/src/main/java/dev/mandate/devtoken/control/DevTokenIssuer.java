package dev.mandate.devtoken.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.mandate.platform.config.ConfigKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Mints RS256 tokens for the quick start, signed with a key the quick-start script generated next to
 * the domain. Payara verifies them like any IdP's token. Off unless configuration switches it on.
 */
@ApplicationScoped
public class DevTokenIssuer {

    public record IssuedToken(String accessToken, long expiresInSeconds) {}

    public boolean isEnabled() {
        return ConfigKey.DEV_TOKENS_ENABLED.lookup(Boolean.class).orElse(false)
                && ConfigKey.DEV_TOKENS_SIGNING_KEY_LOCATION
                        .lookup(String.class)
                        .isPresent();
    }

    public long maxTtlSeconds() {
        return ConfigKey.DEV_TOKENS_MAX_TTL_SECONDS.get(Long.class);
    }

    public IssuedToken issue(String subject, List<String> groups, String tenant, Duration ttl) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ConfigKey.JWT_ISSUER.get(String.class))
                .audience(
                        ConfigKey.JWT_AUDIENCES.get(String.class).split(",")[0].trim())
                .subject(subject)
                .claim("upn", subject)
                .claim("groups", groups)
                .claim(ConfigKey.JWT_TENANT_CLAIM.get(String.class), tenant)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .type(JOSEObjectType.JWT)
                        .keyID("mandate-quickstart")
                        .build(),
                claims);
        try {
            jwt.sign(new RSASSASigner(signingKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException("quick-start token signing failed", e);
        }
        return new IssuedToken(jwt.serialize(), ttl.toSeconds());
    }

    private static PrivateKey signingKey() {
        Path location = Path.of(ConfigKey.DEV_TOKENS_SIGNING_KEY_LOCATION.get(String.class));
        try {
            String pem = Files.readString(location, StandardCharsets.US_ASCII)
                    .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
                    .replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            // the path is configuration, not a secret; the key material never reaches the message
            throw new IllegalStateException("cannot read the quick-start signing key at " + location, e);
        }
    }
}

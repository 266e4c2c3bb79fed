package dev.mandate.it.support;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Mints tokens as the enterprise IdP would (signed with the test domain's trusted key), and the forged
 * ones an attacker would try.
 */
public final class Tokens {

    public static final String ADMIN = "mandate-admin";
    public static final String AGENT = "mandate-agent";
    public static final String APPROVER = "mandate-approver";
    public static final String AUDITOR = "mandate-auditor";
    public static final String SCIM = "scim-provisioner";

    private static final String ISSUER = System.getProperty("mandate.it.issuer", "urn:mandate:local:mandate-it");
    private static final PrivateKey TRUSTED = readKey(Path.of(System.getProperty("mandate.it.signing-key")));

    private Tokens() {}

    public static String admin(String tenant) {
        return of(tenant, "admin@" + tenant, ADMIN);
    }

    public static String agent(String tenant, String agentId) {
        return of(tenant, agentId, AGENT);
    }

    public static String of(String tenant, String subject, String... groups) {
        return sign(TRUSTED, JWSAlgorithm.RS256, claims(tenant, subject, groups).build());
    }

    /** A valid token whose claims the caller adjusts (issuer, expiry, audience, tenant...). */
    public static String with(
            String tenant, String subject, UnaryOperator<JWTClaimsSet.Builder> change, String... groups) {
        return sign(
                TRUSTED,
                JWSAlgorithm.RS256,
                change.apply(claims(tenant, subject, groups)).build());
    }

    public static JWTClaimsSet.Builder claims(String tenant, String subject, String... groups) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience("mandate")
                .subject(subject)
                .claim("upn", subject)
                .claim("groups", List.of(groups))
                .claim("tenant", tenant)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(10))));
    }

    /** {@code alg: none}: no signature at all. */
    public static String unsigned(String tenant, String... groups) {
        return new PlainJWT(claims(tenant, "attacker", groups).build()).serialize();
    }

    /** HS256 "signed" with the server's public key as the HMAC secret (algorithm confusion). */
    public static String hs256WithPublicKey(String tenant, String... groups) {
        try {
            RSAPrivateCrtKey rsa = (RSAPrivateCrtKey) TRUSTED;
            var publicKey = KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(publicKey.getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
            SignedJWT jwt = new SignedJWT(
                    header(JWSAlgorithm.HS256),
                    claims(tenant, "attacker", groups).build());
            jwt.sign(new MACSigner(pem.getBytes(StandardCharsets.US_ASCII)));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Properly signed, by a key the server has never seen. */
    public static String signedByUnknownKey(String tenant, String... groups) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return sign(
                    generator.generateKeyPair().getPrivate(),
                    JWSAlgorithm.RS256,
                    claims(tenant, "attacker", groups).build());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signed by the trusted key with another RSA algorithm than the one the server is configured for. */
    public static String signedWith(JWSAlgorithm algorithm, String tenant, String... groups) {
        return sign(TRUSTED, algorithm, claims(tenant, "attacker", groups).build());
    }

    /** A valid token whose payload was edited afterwards (here: promoted to admin of another tenant). */
    public static String tampered(String tenant, String otherTenant) {
        String[] parts = of(tenant, "someone", AUDITOR).split("\\.");
        String payload = new String(Base64URL.from(parts[1]).decode(), StandardCharsets.UTF_8)
                .replace("\"" + AUDITOR + "\"", "\"" + ADMIN + "\"")
                .replace("\"" + tenant + "\"", "\"" + otherTenant + "\"");
        return parts[0] + "." + Base64URL.encode(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    private static String sign(PrivateKey key, JWSAlgorithm algorithm, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(header(algorithm), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWSHeader header(JWSAlgorithm algorithm) {
        return new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).build();
    }

    private static PrivateKey readKey(Path location) {
        try {
            String pem = Files.readString(location)
                    .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
                    .replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the test signing key at " + location, e);
        }
    }
}

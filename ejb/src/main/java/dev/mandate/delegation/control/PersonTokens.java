package dev.mandate.delegation.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.mandate.platform.config.ConfigKey;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.error.ProblemType;
import dev.mandate.platform.error.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Proves whom an agent acts for: the person's own token, checked like every token Mandate accepts (the
 * keys MP-JWT verifies with, {@code mp.jwt.verify.publickey.location}, a PEM key, a JWK set file or a JWKS
 * URL; issuer, audience, expiry with the configured clock skew), and issued for the caller's tenant. A
 * token that does not prove anything is refused (422), never taken as an assertion.
 */
@ApplicationScoped
public class PersonTokens {

    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(
            JWSAlgorithm.RS256,
            JWSAlgorithm.RS384,
            JWSAlgorithm.RS512,
            JWSAlgorithm.PS256,
            JWSAlgorithm.ES256,
            JWSAlgorithm.ES384);
    static final String FIELD = "onBehalfOfToken";

    private final ConcurrentMap<String, JWKSource<SecurityContext>> keySources = new ConcurrentHashMap<>();

    /** The person the token proves, its subject. */
    public String subject(String tenant, String token) {
        String location = ConfigKey.JWT_PUBLIC_KEY_LOCATION
                .lookup(String.class)
                .orElseThrow(() -> refused("no keys are configured to verify a person's token"));
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keySource(location)));
        JWTClaimsSet exact = new JWTClaimsSet.Builder()
                .issuer(ConfigKey.JWT_ISSUER.get(String.class))
                .build();
        Set<String> audiences = new HashSet<>(
                List.of(ConfigKey.JWT_AUDIENCES.lookup(String.class).orElse("").split("\\s*,\\s*")));
        audiences.remove("");
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                audiences.isEmpty() ? null : audiences, exact, Set.of("sub", "exp"), Set.of());
        claims.setMaxClockSkew(
                ConfigKey.JWT_CLOCK_SKEW_SECONDS.lookup(Integer.class).orElse(60));
        processor.setJWTClaimsSetVerifier(claims);
        JWTClaimsSet verified;
        try {
            verified = processor.process(token, null);
        } catch (ParseException | BadJOSEException | JOSEException invalid) {
            // the library's message names the failed check (signature, expiry, audience), never key material
            throw refused("is not a valid token of the person: " + invalid.getMessage());
        }
        Object tokenTenant = verified.getClaim(ConfigKey.JWT_TENANT_CLAIM.get(String.class));
        if (!tenant.equals(tokenTenant)) {
            throw refused("was issued for another tenant");
        }
        return verified.getSubject();
    }

    private JWKSource<SecurityContext> keySource(String location) {
        return keySources.computeIfAbsent(location, PersonTokens::load);
    }

    private static JWKSource<SecurityContext> load(String location) {
        try {
            if (location.startsWith("https://") || location.startsWith("http://")) {
                return JWKSourceBuilder.create(URI.create(location).toURL()).build();
            }
            String text = Files.readString(
                    Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location),
                    StandardCharsets.US_ASCII);
            JWKSet keys = text.contains("-----BEGIN") ? new JWKSet(pemPublicKey(text)) : JWKSet.parse(text);
            return new ImmutableJWKSet<>(keys);
        } catch (IOException
                | ParseException
                | GeneralSecurityException
                | IllegalArgumentException
                | ClassCastException unreadable) {
            throw new IllegalStateException("the token verification keys at the configured location are unreadable");
        }
    }

    // the JDK reads an X.509 SubjectPublicKeyInfo PEM itself; nimbus's PEM parser needs BouncyCastle
    private static JWK pemPublicKey(String pem) throws GeneralSecurityException {
        byte[] der = Base64.getMimeDecoder()
                .decode(pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").strip());
        X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
        try {
            return new RSAKey.Builder(
                            (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(spec))
                    .build();
        } catch (InvalidKeySpecException notRsa) {
            ECPublicKey key = (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(spec);
            return new ECKey.Builder(Curve.forECParameterSpec(key.getParams()), key).build();
        }
    }

    private static InvalidRequestException refused(String message) {
        return new InvalidRequestException(
                ProblemType.UNPROCESSABLE, FIELD + ": " + message, List.of(new Violation(FIELD, message)));
    }
}

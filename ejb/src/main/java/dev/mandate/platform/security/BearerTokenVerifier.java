package dev.mandate.platform.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
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
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.mandate.platform.config.ConfigKey;
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
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;

/**
 * Verifies the bearer tokens Mandate accepts, API callers and the persons agents act for alike: signed with
 * one of the configured algorithms ({@code mp.jwt.verify.publickey.algorithm}, asymmetric ones only) by a
 * key from {@code mp.jwt.verify.publickey.location} (a PEM key, a JWK set file or the IdP's JWKS URL,
 * fetched, cached and refreshed on an unknown key id); issued by {@code mp.jwt.verify.issuer} for one of
 * {@code mp.jwt.verify.audiences}; with {@code sub}, {@code iat} and {@code exp}; not expired and not before
 * {@code nbf}, with {@code mp.jwt.verify.clock.skew} of leeway. The settings are read at each verification,
 * so a change applies without a redeployment.
 */
@ApplicationScoped
public class BearerTokenVerifier {

    /**
     * Longest token read at all: far above what an IdP issues, and the size of the whole header block the
     * HTTP listener reads (a longer {@code Authorization} header is its 400 before Mandate sees it).
     */
    public static final int MAX_TOKEN_CHARS = 8_192;

    private static final Set<JWSAlgorithm> ASYMMETRIC = Set.of(
            JWSAlgorithm.RS256,
            JWSAlgorithm.RS384,
            JWSAlgorithm.RS512,
            JWSAlgorithm.PS256,
            JWSAlgorithm.PS384,
            JWSAlgorithm.PS512,
            JWSAlgorithm.ES256,
            JWSAlgorithm.ES384,
            JWSAlgorithm.ES512);

    // IdPs send "JWT", RFC 9068 access tokens "at+jwt", many none at all
    private static final DefaultJOSEObjectTypeVerifier<SecurityContext> TYPES = new DefaultJOSEObjectTypeVerifier<>(
            JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), new JOSEObjectType("application/at+jwt"), null);

    /** A token that proves nothing; the message names the failed check, never key material. */
    public static final class RejectedToken extends Exception {
        private static final long serialVersionUID = 1L;

        RejectedToken(String message) {
            super(message, null, false, false);
        }
    }

    /** What a token is verified against. */
    public record Settings(
            String keyLocation, String issuer, Set<String> audiences, Set<JWSAlgorithm> algorithms, int skewSeconds) {

        static Settings configured() {
            return new Settings(
                    ConfigKey.JWT_PUBLIC_KEY_LOCATION.lookup(String.class).orElse(null),
                    ConfigKey.JWT_ISSUER.lookup(String.class).orElse(null),
                    names(ConfigKey.JWT_AUDIENCES.lookup(String.class).orElse("")),
                    names(ConfigKey.JWT_ALGORITHM.lookup(String.class).orElse("RS256")).stream()
                            .map(JWSAlgorithm::parse)
                            .filter(ASYMMETRIC::contains)
                            .collect(Collectors.toUnmodifiableSet()),
                    ConfigKey.JWT_EXPIRY_SKEW_SECONDS.lookup(Integer.class).orElse(60));
        }

        private static Set<String> names(String list) {
            Set<String> names = new LinkedHashSet<>(Arrays.asList(list.split("\\s*,\\s*")));
            names.removeIf(String::isBlank);
            return Set.copyOf(names);
        }
    }

    private final ConcurrentMap<String, JWKSource<SecurityContext>> keySources = new ConcurrentHashMap<>();

    private volatile Processor processor;

    private record Processor(Settings settings, DefaultJWTProcessor<SecurityContext> jwt) {}

    /** The token of an {@code Authorization: Bearer <token>} header (scheme in any case); null for any other. */
    public static String bearerToken(String authorization) {
        if (authorization == null || authorization.length() < 8) {
            return null;
        }
        String scheme = authorization.substring(0, 7).toLowerCase(Locale.ROOT);
        String token = authorization.substring(7).strip();
        return scheme.equals("bearer ") && !token.isEmpty() ? token : null;
    }

    /** The token's verified claims as JSON values (times in epoch seconds). */
    public Map<String, Object> verify(String token) throws RejectedToken {
        return verify(token, Settings.configured());
    }

    Map<String, Object> verify(String token, Settings settings) throws RejectedToken {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            throw new RejectedToken("the token is empty or longer than " + MAX_TOKEN_CHARS + " characters");
        }
        try {
            return processor(settings).process(token, null).toJSONObject();
        } catch (ParseException malformed) {
            throw new RejectedToken("the token is not a signed JWT");
        } catch (BadJOSEException | JOSEException invalid) {
            throw new RejectedToken(invalid.getMessage());
        } catch (RuntimeException unusable) {
            // a claim of a type the library cannot read, or key material that cannot be loaded
            throw new RejectedToken(
                    "the token cannot be verified: " + unusable.getClass().getSimpleName());
        }
    }

    private DefaultJWTProcessor<SecurityContext> processor(Settings settings) throws RejectedToken {
        Processor current = processor;
        if (current != null && current.settings().equals(settings)) {
            return current.jwt();
        }
        if (settings.keyLocation() == null || settings.issuer() == null) {
            throw new RejectedToken("no issuer or verification keys are configured");
        }
        if (settings.algorithms().isEmpty()) {
            throw new RejectedToken("no asymmetric signature algorithm is configured");
        }
        DefaultJWTProcessor<SecurityContext> jwt = new DefaultJWTProcessor<>();
        jwt.setJWSTypeVerifier(TYPES);
        jwt.setJWSKeySelector(
                new JWSVerificationKeySelector<>(settings.algorithms(), keySource(settings.keyLocation())));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                // mutable sets: the verifier asks them whether they contain null
                settings.audiences().isEmpty() ? null : new HashSet<>(settings.audiences()),
                new JWTClaimsSet.Builder().issuer(settings.issuer()).build(),
                new HashSet<>(Set.of("sub", "iat", "exp")),
                new HashSet<>());
        claims.setMaxClockSkew(settings.skewSeconds());
        jwt.setJWTClaimsSetVerifier(claims);
        processor = new Processor(settings, jwt);
        return jwt;
    }

    private JWKSource<SecurityContext> keySource(String location) throws RejectedToken {
        try {
            return keySources.computeIfAbsent(location, BearerTokenVerifier::load);
        } catch (IllegalStateException unreadable) {
            throw new RejectedToken(unreadable.getMessage());
        }
    }

    private static JWKSource<SecurityContext> load(String location) {
        try {
            if (location.startsWith("https://") || location.startsWith("http://")) {
                return JWKSourceBuilder.create(URI.create(location).toURL()).build();
            }
            String text = Files.readString(
                    Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location),
                    StandardCharsets.US_ASCII);
            if (text.contains("-----BEGIN")) {
                // one key, named by no id: it verifies whatever key id the token's header gives
                List<JWK> key = List.of(pemPublicKey(text));
                return (selector, context) -> key;
            }
            return new ImmutableJWKSet<>(JWKSet.parse(text));
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
}

package dev.mandate.audit.verify;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import dev.mandate.audit.entity.CanonicalForm;
import dev.mandate.audit.entity.CheckpointView;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.text.ParseException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Signs checkpoints and checks their signatures: a compact JWS, RS256 only (no other algorithm is
 * accepted), whose payload is the checkpoint's canonical form and whose {@code kid} is the RFC 7638
 * thumbprint of the public key.
 */
public final class CheckpointSignatures {

    static final JOSEObjectType TYPE = new JOSEObjectType("mandate-audit-checkpoint");

    private CheckpointSignatures() {}

    /** A signing key from a PKCS#8 PEM RSA private key file, with its public half. */
    public static RSAKey fromPkcs8Pem(String pem) {
        try {
            String base64 =
                    pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
            RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            RSAKey withoutId = new RSAKey.Builder(publicKey).build();
            return new RSAKey.Builder(publicKey)
                    .privateKey(privateKey)
                    .keyID(withoutId.computeThumbprint().toString())
                    .algorithm(JWSAlgorithm.RS256)
                    .build();
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException | JOSEException e) {
            // never the key material in the message
            throw new IllegalArgumentException("not a PKCS#8 PEM RSA private key", e);
        }
    }

    /** The checkpoint as given, with {@code keyId} set from the key, its hash and its signature. */
    public static CheckpointView sign(CheckpointView unsigned, RSAKey key) {
        CheckpointView keyed = new CheckpointView(
                unsigned.tenant(),
                unsigned.chain(),
                unsigned.number(),
                unsigned.recordSequence(),
                unsigned.headHash(),
                unsigned.sealedAt(),
                unsigned.previousCheckpointHash(),
                key.getKeyID(),
                null,
                null);
        String canonical = CanonicalForm.checkpoint(keyed);
        JWSObject jws = new JWSObject(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .type(TYPE)
                        .keyID(key.getKeyID())
                        .build(),
                new Payload(canonical.getBytes(StandardCharsets.UTF_8)));
        try {
            jws.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("checkpoint signing failed", e);
        }
        return new CheckpointView(
                keyed.tenant(),
                keyed.chain(),
                keyed.number(),
                keyed.recordSequence(),
                keyed.headHash(),
                keyed.sealedAt(),
                keyed.previousCheckpointHash(),
                keyed.keyId(),
                CanonicalForm.sha256(canonical),
                jws.serialize());
    }

    /**
     * Why the checkpoint's signature does not hold, or empty when it does: the JWS must be RS256, signed
     * by a trusted key whose id the checkpoint names, over exactly the checkpoint's canonical form.
     */
    public static Optional<String> problem(CheckpointView checkpoint, Map<String, RSAKey> trusted) {
        if (checkpoint.signature() == null || checkpoint.signature().isBlank()) {
            return Optional.of("checkpoint is not signed");
        }
        JWSObject jws;
        try {
            jws = JWSObject.parse(checkpoint.signature());
        } catch (ParseException e) {
            return Optional.of("checkpoint signature is not a JWS");
        }
        if (!JWSAlgorithm.RS256.equals(jws.getHeader().getAlgorithm())) {
            return Optional.of(
                    "checkpoint signature uses " + jws.getHeader().getAlgorithm() + ", only RS256 is accepted");
        }
        RSAKey key = trusted.get(checkpoint.keyId());
        if (key == null || !checkpoint.keyId().equals(jws.getHeader().getKeyID())) {
            return Optional.of("checkpoint is signed by an unknown key '" + checkpoint.keyId() + "'");
        }
        try {
            if (!jws.verify(new RSASSAVerifier(key.toRSAPublicKey()))) {
                return Optional.of("checkpoint signature does not verify");
            }
        } catch (JOSEException e) {
            return Optional.of("checkpoint signature cannot be verified");
        }
        if (!jws.getPayload().toString().equals(CanonicalForm.checkpoint(checkpoint))) {
            return Optional.of("checkpoint fields differ from what was signed");
        }
        if (!CanonicalForm.checkpointHash(checkpoint).equals(checkpoint.hash())) {
            return Optional.of("checkpoint hash does not match its fields");
        }
        return Optional.empty();
    }
}

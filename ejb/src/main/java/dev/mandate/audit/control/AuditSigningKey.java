package dev.mandate.audit.control;

import com.nimbusds.jose.jwk.RSAKey;
import dev.mandate.audit.verify.CheckpointSignatures;
import dev.mandate.platform.config.ConfigKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;

/**
 * The key checkpoints are signed with: a PKCS#8 PEM RSA private key at
 * {@code mandate.audit.signing-key-location}, read when it first is needed and again when the file
 * changes. Its public half (JWK, kid = thumbprint) is what verification trusts. The key material never
 * leaves this class: not into logs, messages, responses or audit records.
 */
public final class AuditSigningKey {

    private record Loaded(Path path, FileTime modified, RSAKey key) {}

    private static volatile Loaded loaded;

    private AuditSigningKey() {}

    public static boolean isConfigured() {
        return ConfigKey.AUDIT_SIGNING_KEY_LOCATION
                .lookup(String.class)
                .filter(location -> !location.isBlank())
                .isPresent();
    }

    /** The signing key (private and public), or empty when none is configured. */
    public static Optional<RSAKey> current() {
        Optional<String> location =
                ConfigKey.AUDIT_SIGNING_KEY_LOCATION.lookup(String.class).filter(value -> !value.isBlank());
        if (location.isEmpty()) {
            return Optional.empty();
        }
        Path path = Path.of(location.get().startsWith("file:") ? location.get().substring(5) : location.get());
        try {
            FileTime modified = Files.getLastModifiedTime(path);
            Loaded cached = loaded;
            if (cached == null
                    || !cached.path().equals(path)
                    || !cached.modified().equals(modified)) {
                cached = new Loaded(
                        path,
                        modified,
                        CheckpointSignatures.fromPkcs8Pem(Files.readString(path, StandardCharsets.US_ASCII)));
                loaded = cached;
            }
            return Optional.of(cached.key());
        } catch (IOException | IllegalArgumentException e) {
            // the path is configuration, not a secret; the key material never reaches the message
            throw new IllegalStateException("cannot read the audit signing key at " + path, e);
        }
    }

    /** The public keys verification trusts, by key id. */
    public static Map<String, RSAKey> trusted() {
        return current().map(key -> Map.of(key.getKeyID(), key.toPublicJWK())).orElse(Map.of());
    }
}

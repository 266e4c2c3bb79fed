package dev.mandate.audit.verify;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.mandate.audit.entity.CheckpointView;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Verifies an audit export (from {@code GET /api/v1/audit/export}) without Mandate, its server or its
 * database:
 *
 * <pre>
 * java -cp mandate-ejb.jar:nimbus-jose-jwt.jar dev.mandate.audit.verify.OfflineAuditVerifier export.jsonl [--key public.pem|jwks.json] [--witness DIR]
 * </pre>
 *
 * Exit code 0: valid. 1: tampered (the first bad record is printed). 2: the file or the arguments
 * cannot be read. {@code --key} pins the audit public key (PEM or JWK/JWKS); without it the key inside
 * the export is used, which proves the file is consistent but not who signed it; with it, an export
 * without any checkpoint is refused. {@code --witness} names the checkpoint witness directory
 * ({@link WitnessDirectory}, or the tenant's folder in it): the export must hold every chain and every
 * checkpoint the witness has seen, and reach as far as they seal.
 */
public final class OfflineAuditVerifier {

    public static final int VALID = 0;
    public static final int TAMPERED = 1;
    public static final int UNREADABLE = 2;

    private OfflineAuditVerifier() {}

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != VALID) {
            System.exit(status);
        }
    }

    /** The command without {@code System.exit}: for tests and embedding. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path export = null;
        Path key = null;
        Path witness = null;
        for (int i = 0; i < args.length; i++) {
            if ("--key".equals(args[i]) && i + 1 < args.length) {
                key = Path.of(args[++i]);
            } else if ("--witness".equals(args[i]) && i + 1 < args.length) {
                witness = Path.of(args[++i]);
            } else if (export == null && !args[i].startsWith("--")) {
                export = Path.of(args[i]);
            } else {
                err.println(
                        "usage: OfflineAuditVerifier EXPORT.jsonl [--key PUBLIC_KEY.pem|JWKS.json] [--witness DIR]");
                return UNREADABLE;
            }
        }
        if (export == null) {
            err.println("usage: OfflineAuditVerifier EXPORT.jsonl [--key PUBLIC_KEY.pem|JWKS.json] [--witness DIR]");
            return UNREADABLE;
        }
        ExportFormat.Parsed parsed;
        List<RSAKey> pinned;
        Map<Integer, CheckpointView> witnessed;
        try (BufferedReader in = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            parsed = ExportFormat.read(in);
            pinned = key == null ? List.of() : readKeys(key);
            witnessed = witness == null ? Map.of() : witnessed(witness, parsed.tenant());
        } catch (IOException | ParseException | JOSEException | IllegalArgumentException e) {
            err.println("cannot read: " + e.getMessage());
            return UNREADABLE;
        }
        Verification result = ExportFormat.verify(parsed, pinned, witnessed);
        out.printf(
                "tenant %s: %d records in %d chains, %d checkpoints%s%s%n",
                parsed.tenant(),
                result.recordsChecked(),
                result.chains(),
                result.checkpointsChecked(),
                key == null ? " (key taken from the export; pin it with --key)" : "",
                witness == null ? "" : ", " + witnessed.size() + " chains witnessed");
        if (result.valid()) {
            out.println("VALID");
            return VALID;
        }
        FirstBad bad = result.firstBad();
        out.printf(
                "TAMPERED: first bad record: chain %d, sequence %d, record %s: %s (%s)%n",
                bad.chain(),
                bad.sequence(),
                bad.recordId() == null ? "-" : bad.recordId(),
                bad.problem(),
                bad.detail());
        for (FirstBad other : result.problems().subList(1, result.problems().size())) {
            out.printf(
                    "  also chain %d, sequence %d, record %s: %s (%s)%n",
                    other.chain(),
                    other.sequence(),
                    other.recordId() == null ? "-" : other.recordId(),
                    other.problem(),
                    other.detail());
        }
        return TAMPERED;
    }

    /** The witness directory, or the tenant's folder in it (a copy an auditor keeps). */
    private static Map<Integer, CheckpointView> witnessed(Path witness, String tenant) throws IOException {
        if (!Files.isDirectory(witness)) {
            throw new IOException("--witness: not a directory: " + witness);
        }
        boolean tenantFolder = witness.getFileName() != null
                && witness.getFileName().toString().equals(WitnessDirectory.tenantFolder(tenant));
        return WitnessDirectory.latest(tenantFolder ? witness.toAbsolutePath().getParent() : witness, tenant);
    }

    private static List<RSAKey> readKeys(Path location) throws IOException, ParseException, JOSEException {
        String text = Files.readString(location, StandardCharsets.US_ASCII).trim();
        List<RSAKey> keys = new ArrayList<>();
        if (text.startsWith("-----BEGIN PUBLIC KEY-----")) {
            String base64 =
                    text.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
            try {
                RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                        .generatePublic(
                                new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
                keys.add(withThumbprintId(new RSAKey.Builder(publicKey).build()));
            } catch (GeneralSecurityException | ClassCastException e) {
                throw new IllegalArgumentException("--key: not an RSA public key (PEM)", e);
            }
        } else if (text.contains("\"keys\"")) {
            for (JWK jwk : JWKSet.parse(text).getKeys()) {
                keys.add(withThumbprintId(jwk.toRSAKey()));
            }
        } else {
            keys.add(withThumbprintId(JWK.parse(text).toRSAKey()));
        }
        return keys;
    }

    private static RSAKey withThumbprintId(RSAKey key) throws JOSEException {
        RSAKey publicKey = key.toPublicJWK();
        return new RSAKey.Builder(publicKey)
                .keyID(publicKey.computeThumbprint().toString())
                .build();
    }
}

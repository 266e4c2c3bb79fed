package dev.mandate.it.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.audit.verify.OfflineAuditVerifier;
import dev.mandate.it.support.MandateIT;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Calls of the audit API and the offline verifier that several audit tests share. */
final class AuditSupport {

    static final Path KEYS = Path.of(System.getProperty("mandate.it.keys"));

    /** The test domain's audit witness directory (server-config/local/domain.sh puts it beside the keys). */
    static final Path WITNESS = KEYS.resolveSibling("audit-witness");

    private AuditSupport() {}

    static Response get(String token, String path) {
        return RestAssured.given()
                .baseUri(MandateItAccess.baseUrl())
                .header("Authorization", "Bearer " + token)
                .get(path);
    }

    /** Every record of the tenant, of one agent when {@code agentId} is set, oldest first per chain. */
    static List<Map<String, Object>> records(String token, String agentId) {
        Response response = RestAssured.given()
                .baseUri(MandateItAccess.baseUrl())
                .header("Authorization", "Bearer " + token)
                .queryParam("limit", 200)
                .queryParams(agentId == null ? Map.of() : Map.of("agentId", agentId))
                .get("/api/v1/audit/records");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        List<Map<String, Object>> items = new ArrayList<>(response.jsonPath().getList("items"));
        items.sort((a, b) -> {
            int byChain = Integer.compare((Integer) a.get("chain"), (Integer) b.get("chain"));
            return byChain != 0
                    ? byChain
                    : Long.compare(((Number) a.get("sequence")).longValue(), ((Number) b.get("sequence")).longValue());
        });
        return items;
    }

    static JsonPath verify(String token) {
        Response response = get(token, "/api/v1/audit/verify");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return response.jsonPath();
    }

    static void seal(String adminToken) {
        Response response = RestAssured.given()
                .baseUri(MandateItAccess.baseUrl())
                .header("Authorization", "Bearer " + adminToken)
                .post("/api/v1/audit/checkpoints");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    }

    static String export(String token) {
        Response response = get(token, "/api/v1/audit/export");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/x-ndjson");
        return response.asString();
    }

    /** Sequences 1, 2, 3... in every chain of these records (all of a tenant's records). */
    static void assertGaplessChains(List<Map<String, Object>> records) {
        Map<Integer, List<Long>> byChain = new java.util.TreeMap<>();
        records.forEach(r -> byChain.computeIfAbsent((Integer) r.get("chain"), c -> new ArrayList<>())
                .add(((Number) r.get("sequence")).longValue()));
        byChain.forEach((chain, sequences) -> assertThat(sequences)
                .as("chain %d is gapless", chain)
                .isEqualTo(java.util.stream.LongStream.rangeClosed(1, sequences.size())
                        .boxed()
                        .toList()));
    }

    /**
     * The secret parts of an RSA private key (PKCS#8 PEM) as they would appear in a JWK (base64url) and
     * shortened to their first 24 characters: none may ever appear in an audit record or export.
     */
    static List<String> privateKeyParts(Path pem) throws Exception {
        String base64 = Files.readString(pem, StandardCharsets.US_ASCII)
                .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        var key = (java.security.interfaces.RSAPrivateCrtKey) java.security.KeyFactory.getInstance("RSA")
                .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(
                        java.util.Base64.getDecoder().decode(base64)));
        List<String> parts = new ArrayList<>();
        for (java.math.BigInteger secret : List.of(
                key.getPrivateExponent(),
                key.getPrimeP(),
                key.getPrimeQ(),
                key.getPrimeExponentP(),
                key.getPrimeExponentQ(),
                key.getCrtCoefficient())) {
            String encoded = com.nimbusds.jose.util.Base64URL.encode(
                            com.nimbusds.jose.util.BigIntegerUtils.toBytesUnsigned(secret))
                    .toString();
            parts.add(encoded.substring(0, 24));
            parts.add(java.util.Base64.getEncoder()
                    .encodeToString(com.nimbusds.jose.util.BigIntegerUtils.toBytesUnsigned(secret))
                    .substring(0, 24));
        }
        return parts;
    }

    record Offline(int status, String output) {}

    /** Runs the offline verifier in this JVM, as an auditor would run it on the exported file. */
    static Offline verifyOffline(String export, Path dir, String... options) throws IOException {
        Path file = Files.createTempFile(dir, "audit-", ".jsonl");
        Files.writeString(file, export, StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>(List.of(file.toString()));
        args.addAll(List.of(options));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = OfflineAuditVerifier.run(
                args.toArray(String[]::new),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Offline(status, out.toString(StandardCharsets.UTF_8));
    }

    /** The base URL, read through MandateIT (whose constant is protected). */
    static final class MandateItAccess extends MandateIT {
        static String baseUrl() {
            return BASE_URL;
        }
    }
}

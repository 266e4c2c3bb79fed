package dev.mandate.it.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import dev.mandate.audit.entity.CheckpointView;
import dev.mandate.audit.verify.CheckpointSignatures;
import dev.mandate.audit.verify.ExportFormat;
import dev.mandate.it.support.Asadmin;
import dev.mandate.it.support.Fixtures;
import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every sealed checkpoint leaves the database: into the witness directory of the test domain, and as a
 * POST to a receiver (here a stub HTTP server in the test JVM) whose signature the receiver can check
 * with the audit public key alone.
 */
class AuditWitnessIT extends MandateIT {

    private final String tenant = newTenant();
    private final String admin = Tokens.admin(tenant);

    @Test
    void aSealedCheckpointReachesTheDirectoryAndTheReceiver() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/witness", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        Asadmin.setProperty(
                "mandate.audit.witness.url",
                "http://127.0.0.1:" + receiver.getAddress().getPort() + "/witness");
        try {
            String agent = Fixtures.agent(admin, "witnessed").id();
            AuditSupport.seal(admin);
            int chain = (Integer) AuditSupport.records(admin, agent).get(0).get("chain");

            // one POST per checkpoint, each delivered on its own: wait for the agent's chain, not the first one
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (received.stream()
                            .map(AuditWitnessIT::parse)
                            .noneMatch(checkpoint -> checkpoint.tenant().equals(tenant) && checkpoint.chain() == chain)
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            List<CheckpointView> ours = received.stream()
                    .map(AuditWitnessIT::parse)
                    .filter(checkpoint -> checkpoint.tenant().equals(tenant))
                    .toList();
            assertThat(ours).extracting(CheckpointView::chain).contains(chain);
            RSAKey publicKey = publicKey(AuditSupport.KEYS.resolve("audit-public.pem"));
            for (CheckpointView checkpoint : ours) {
                assertThat(CheckpointSignatures.problem(checkpoint, Map.of(checkpoint.keyId(), publicKey)))
                        .as("the receiver verifies what it got")
                        .isEmpty();
                Path file = AuditSupport.WITNESS.resolve(
                        tenant + "/" + checkpoint.chain() + "/" + String.format("%012d.json", checkpoint.number()));
                assertThat(file).exists();
                assertThat(Files.readString(file).strip()).isEqualTo(ExportFormat.checkpoint(checkpoint));
            }
            assertThat(AuditSupport.verify(admin).getBoolean("valid")).isTrue();
        } finally {
            Asadmin.removeProperty("mandate.audit.witness.url");
            receiver.stop(0);
        }
    }

    private static CheckpointView parse(String body) {
        try {
            return ExportFormat.checkpoint(body);
        } catch (java.text.ParseException e) {
            throw new AssertionError("not a checkpoint: " + body, e);
        }
    }

    private static RSAKey publicKey(Path pem) throws Exception {
        String base64 = Files.readString(pem)
                .replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        RSAKey jwk = new RSAKey.Builder(key).build();
        return new RSAKey.Builder(key).keyID(jwk.computeThumbprint().toString()).build();
    }
}

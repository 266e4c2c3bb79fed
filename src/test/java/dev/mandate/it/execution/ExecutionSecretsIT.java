package dev.mandate.it.execution;

import static dev.mandate.it.execution.ExecutionSetup.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.mandate.it.support.Asadmin;
import dev.mandate.it.support.MandateIT;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Canary credentials, one a system property and one a password alias, carried to a tool that echoes every
 * header it gets back in its answer, succeeding and failing: the tool receives them, and they appear in
 * no answer, explain view, audit record, audit export or server log line of Mandate.
 */
class ExecutionSecretsIT extends MandateIT {

    private static final Path SERVER_LOG = Path.of(System.getProperty("mandate.it.asadmin"))
            .getParent()
            .resolveSibling("glassfish/domains/mandate-it/logs/server.log");
    private static final String KEY = "canary-key-" + UUID.randomUUID();
    private static final String PASSWORD = "canary-password-" + UUID.randomUUID();
    private static final String ALIAS =
            "canary-erp-" + UUID.randomUUID().toString().substring(0, 8);

    private static HttpServer echo;
    private static final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    private static StubToolServer stub;
    private static ExecutionSetup setup;
    private static Path passwordFile;

    @BeforeAll
    static void start() throws IOException {
        echo = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        echo.createContext("/", exchange -> {
            Map<String, String> headers = exchange.getRequestHeaders().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> String.join(",", e.getValue())));
            received.add(headers);
            String body = "{\"echo\":{"
                    + headers.entrySet().stream()
                            .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue().replace("\"", "") + "\"")
                            .collect(Collectors.joining(","))
                    + "}}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(
                    exchange.getRequestURI().getPath().endsWith("/fail") ? 500 : 200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        echo.start();
        stub = StubToolServer.start();
        setup = new ExecutionSetup(stub, List.of("echo-key", "echo-fail", "echo-basic"));
        Asadmin.setProperty("mandate.credentials." + setup.tenant + ".crm.key", KEY);
        Asadmin.setProperty("mandate.credentials." + setup.tenant + ".erp.username", "mandate-erp");
        passwordFile = Files.createTempFile("canary", ".txt");
        Files.writeString(passwordFile, "AS_ADMIN_ALIASPASSWORD=" + PASSWORD + "\n", StandardCharsets.UTF_8);
        Asadmin.run("--passwordfile", passwordFile.toString(), "create-password-alias", ALIAS);
        // the documented way to hold a secret in a password alias: a property whose value names the alias
        Asadmin.setProperty("mandate.credentials." + setup.tenant + ".erp.password", "${ALIAS=" + ALIAS + "}");
    }

    @AfterAll
    static void stop() throws IOException {
        echo.stop(0);
        stub.close();
        Asadmin.removeProperty("mandate.credentials." + setup.tenant + ".crm.key");
        Asadmin.removeProperty("mandate.credentials." + setup.tenant + ".erp.username");
        Asadmin.removeProperty("mandate.credentials." + setup.tenant + ".erp.password");
        Asadmin.run("delete-password-alias", ALIAS);
        Files.deleteIfExists(passwordFile);
    }

    @Test
    void credentialsReachTheToolAndNothingElse() throws IOException {
        String base = "http://127.0.0.1:" + echo.getAddress().getPort();
        setup.tool(
                "echo-key",
                "WRITE",
                connector(base + "/ok", Map.of("name", "crm", "kind", "API_KEY", "header", "X-Api-Key")));
        setup.tool(
                "echo-fail",
                "WRITE",
                connector(base + "/fail", Map.of("name", "crm", "kind", "API_KEY", "header", "X-Api-Key")));
        setup.tool("echo-basic", "WRITE", connector(base + "/ok", Map.of("name", "erp", "kind", "BASIC")));
        String basic = Base64.getEncoder().encodeToString(("mandate-erp:" + PASSWORD).getBytes(StandardCharsets.UTF_8));

        Response succeeded = setup.submit("echo-key", Map.of(), "k-" + UUID.randomUUID());
        Response failed = setup.submit("echo-fail", Map.of(), "k-" + UUID.randomUUID());
        Response viaAlias = setup.submit("echo-basic", Map.of(), "k-" + UUID.randomUUID());

        assertThat(succeeded.<String>path("execution.status"))
                .as(succeeded.asString())
                .isEqualTo("SUCCEEDED");
        assertThat(failed.<String>path("execution.status")).isEqualTo("FAILED");
        assertThat(viaAlias.<String>path("execution.status"))
                .as(viaAlias.asString())
                .isEqualTo("SUCCEEDED");
        assertThat(received).anySatisfy(h -> assertThat(h).containsEntry("X-api-key", KEY));
        assertThat(received).anySatisfy(h -> assertThat(h).containsEntry("Authorization", "Basic " + basic));
        assertThat(succeeded.asString()).contains("[REDACTED]");
        assertThat(failed.<String>path("execution.reason")).contains("[REDACTED]");
        assertThat(viaAlias.asString()).contains("[REDACTED]");

        List<String> seen = List.of(
                succeeded.asString(),
                failed.asString(),
                viaAlias.asString(),
                as(setup.admin)
                        .get("/api/v1/envelopes/" + succeeded.path("envelopeId") + "/explain")
                        .asString(),
                as(setup.admin)
                        .get("/api/v1/envelopes/" + failed.path("envelopeId") + "/explain")
                        .asString(),
                as(setup.admin)
                        .get("/api/v1/envelopes/" + viaAlias.path("envelopeId"))
                        .asString(),
                as(setup.admin).get("/api/v1/audit/records?limit=200").asString(),
                as(setup.admin).get("/api/v1/audit/export").asString(),
                Files.readString(SERVER_LOG));
        for (String text : seen) {
            assertThat(text).doesNotContain(KEY).doesNotContain(PASSWORD).doesNotContain(basic);
        }
    }

    private static Map<String, Object> connector(String url, Map<String, Object> credential) {
        Map<String, Object> connector = new HashMap<>();
        connector.put("method", "POST");
        connector.put("url", url);
        connector.put("credential", credential);
        return connector;
    }
}

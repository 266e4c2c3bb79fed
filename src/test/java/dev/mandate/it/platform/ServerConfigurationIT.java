package dev.mandate.it.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.mandate.it.support.Asadmin;
import dev.mandate.it.support.MandateIT;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Behaviour that depends on server configuration: the quick-start token issuer is 404 wherever it is
 * switched off, and an unexpected failure answers 500 with an incident id that is in the server log,
 * never a stack trace or a path.
 */
class ServerConfigurationIT extends MandateIT {

    private static final String SIGNING_KEY = System.getProperty("mandate.it.signing-key");
    private static final Path SERVER_LOG = Path.of(System.getProperty("mandate.it.asadmin"))
            .getParent()
            .resolveSibling("glassfish/domains/mandate-it/logs/server.log");
    private static final Map<String, Object> TOKEN_REQUEST =
            Map.of("subject", "someone", "groups", List.of("mandate-admin"));

    @AfterEach
    void restore() {
        Asadmin.setProperty("mandate.dev-tokens.enabled", "true");
        Asadmin.setProperty("mandate.dev-tokens.signing-key-location", SIGNING_KEY);
    }

    @Test
    void devTokensAnswer404WhenSwitchedOff() {
        anonymous().body(TOKEN_REQUEST).post("/api/v1/dev/tokens").then().statusCode(200);

        Asadmin.setProperty("mandate.dev-tokens.enabled", "false");

        anonymous()
                .body(TOKEN_REQUEST)
                .post("/api/v1/dev/tokens")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("urn:mandate:problem:not-found"));
        // switched off, the body is not even read: broken or oversized JSON is the same 404
        for (String body : new String[] {"{\"subject\":", "[".repeat(1001), "{\"n\":" + "1".repeat(1200) + "}"}) {
            anonymous()
                    .body(body)
                    .post("/api/v1/dev/tokens")
                    .then()
                    .statusCode(404)
                    .contentType(startsWith("application/problem+json"))
                    .body("type", equalTo("urn:mandate:problem:not-found"));
        }
    }

    @Test
    void anUnexpectedFailureIs500WithAnIncidentIdThatIsLogged() throws Exception {
        Asadmin.setProperty("mandate.dev-tokens.signing-key-location", "/nonexistent/secret-key.pem");

        Response response = anonymous().body(TOKEN_REQUEST).post("/api/v1/dev/tokens");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.contentType()).startsWith("application/problem+json");
        String incident = response.path("incident");
        assertThat(incident).matches("[0-9a-f-]{36}");
        assertThat(response.asString())
                .doesNotContain("Exception", "at dev.mandate", "secret-key.pem")
                .contains(incident);
        assertThat(Files.readString(SERVER_LOG)).contains("incident " + incident);
    }
}

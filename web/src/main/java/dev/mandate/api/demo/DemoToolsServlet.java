package dev.mandate.api.demo;

import dev.mandate.demo.boundary.DemoConnectors;
import dev.mandate.platform.config.ConfigKey;
import dev.mandate.platform.error.ProblemType;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The demo's stand-in tools, for the demo tenant's connectors to act on (demo mode only: elsewhere every
 * path here answers as one that does not exist). They play outside systems that honour idempotency keys:
 *
 * <ul>
 *   <li>{@code POST|PUT|PATCH|DELETE /demo-tools/{tool}/...}: applies an effect once per {@code
 *       Idempotency-Key}: {@code {"effectId","key","received"}}, 201 the first time, 200 (the same body)
 *       for the key's later attempts
 *   <li>{@code GET /demo-tools/{tool}/by-key/{key}}: the status probe: 200 with the key's answer, 404 when
 *       nothing was applied under it (501 where the tool was told to ignore keys)
 *   <li>{@code GET /demo-tools/{tool}/...}: a read, echoing what was asked
 *   <li>{@code GET /demo-tools/effects[?tool=]}: every effect applied, newest first, with how often its key
 *       was tried ("this payment was made once, asked three times")
 *   <li>{@code GET /demo-tools/control}, {@code PUT|DELETE /demo-tools/control/{tool}}: how a tool
 *       misbehaves ({@link DemoBehaviour}), to watch Mandate cope
 * </ul>
 *
 * The ERP asks for the demo API key ({@link DemoConnectors#ERP_CREDENTIAL}) in {@value
 * DemoConnectors#API_KEY_HEADER}; the others ask for nothing, as the demo trusts its own machine.
 */
@WebServlet(DemoConnectors.PATH + "/*")
public class DemoToolsServlet extends HttpServlet {

    private static final String ERP = "erp";
    private static final String EFFECTS = "effects";
    private static final String CONTROL = "control";
    private static final String BY_KEY = "by-key";
    private static final Set<String> ACTIONS = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Pattern TOOL_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final int MAX_KEY_LENGTH = 255;

    @Inject
    DemoToolStore store;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!ConfigKey.DEMO_ENABLED.lookup(Boolean.class).orElse(false)) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        List<String> path = DemoHttp.segments(request);
        String method = request.getMethod();
        if (path.isEmpty() || path.get(0).isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
        } else if (path.get(0).equals(EFFECTS)) {
            if (path.size() > 1) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
            } else if (method.equals("GET")) {
                DemoHttp.send(
                        response,
                        200,
                        store.effects(request.getParameter("tool")).toString());
            } else {
                response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            }
        } else if (path.get(0).equals(CONTROL)) {
            control(request, response, path);
        } else {
            tool(request, response, path);
        }
    }

    private void control(HttpServletRequest request, HttpServletResponse response, List<String> path)
            throws IOException {
        String method = request.getMethod();
        if (path.size() == 1 && method.equals("GET")) {
            DemoHttp.send(response, 200, store.tools().toString());
            return;
        }
        Optional<DemoTool> tool = path.size() == 2 ? known(path.get(1)) : Optional.empty();
        if (tool.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
        } else if (method.equals("PUT")) {
            Optional<String> body = DemoHttp.body(request, response);
            if (body.isPresent()) {
                behave(response, tool.get(), body.get());
            }
        } else if (method.equals("DELETE")) {
            tool.get().behave(DemoBehaviour.NORMAL);
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        } else {
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        }
    }

    private void behave(HttpServletResponse response, DemoTool tool, String body) throws IOException {
        DemoBehaviour behaviour;
        try {
            behaviour = DemoBehaviour.from(DemoHttp.parse(body).orElse(null));
        } catch (DemoBehaviour.InvalidBehaviour e) {
            DemoHttp.problem(
                    response, ProblemType.VALIDATION_FAILED, "Not a behaviour of a demo tool.", e.violations());
            return;
        }
        tool.behave(behaviour);
        DemoHttp.send(response, 200, behaviour.toJson().toString());
    }

    private void tool(HttpServletRequest request, HttpServletResponse response, List<String> path) throws IOException {
        Optional<DemoTool> found = known(path.get(0));
        if (found.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        DemoTool tool = found.get();
        if (tool.name().equals(ERP) && !carriesErpKey(request)) {
            response.setHeader("WWW-Authenticate", "ApiKey");
            DemoHttp.problem(response, ProblemType.UNAUTHENTICATED, "The ERP wants its API key.", List.of());
            return;
        }
        String key = request.getHeader("Idempotency-Key");
        if (key != null && (key.isEmpty() || key.length() > MAX_KEY_LENGTH)) {
            DemoHttp.problem(
                    response, ProblemType.BAD_REQUEST, "Idempotency-Key must have 1 to 255 characters.", List.of());
            return;
        }
        Optional<String> body = DemoHttp.body(request, response);
        if (body.isEmpty()) {
            return;
        }
        DemoBehaviour behaviour = tool.behaviour();
        DemoHttp.pause(behaviour.delayMillis());
        String method = request.getMethod();
        if (method.equals("GET") && path.size() == 3 && path.get(1).equals(BY_KEY)) {
            probe(response, tool, path.get(2));
            return;
        }
        int failure = tool.takeFailure();
        if (failure != 0) {
            if (failure == 429 || failure == 503) {
                response.setHeader("Retry-After", Integer.toString(behaviour.retryAfterSeconds()));
            }
            DemoHttp.problem(response, ProblemType.forStatus(failure), failure, "The demo tool fails on purpose.");
        } else if (method.equals("GET")) {
            answer(response, behaviour, 200, read(request, tool));
        } else if (ACTIONS.contains(method)) {
            act(request, response, tool, key, body.get());
        } else {
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        }
    }

    private void probe(HttpServletResponse response, DemoTool tool, String key) throws IOException {
        String answer = tool.answerFor(key);
        if (!tool.behaviour().honourKeys()) {
            DemoHttp.problem(response, ProblemType.forStatus(501), 501, "This tool keeps no idempotency keys.");
        } else if (answer == null) {
            DemoHttp.problem(response, ProblemType.NOT_FOUND, "Nothing was applied under this key.", List.of());
        } else {
            DemoHttp.send(response, 200, answer);
        }
    }

    private void act(HttpServletRequest request, HttpServletResponse response, DemoTool tool, String key, String body)
            throws IOException {
        JsonValue received =
                DemoHttp.parse(body).orElseGet(() -> body.isEmpty() ? JsonValue.NULL : Json.createValue(body));
        String path = request.getRequestURI();
        DemoTool.Outcome outcome = tool.act(key, k -> {
            String effectId = store.record(tool.name(), k, request.getMethod(), path, received);
            JsonObjectBuilder answer = Json.createObjectBuilder().add("effectId", effectId);
            if (k == null) {
                answer.addNull("key");
            } else {
                answer.add("key", k);
            }
            return answer.add("received", received).build().toString();
        });
        DemoBehaviour behaviour = tool.behaviour();
        int status = outcome.replayed() ? 200 : 201;
        if (!outcome.hang()) {
            answer(response, behaviour, status, outcome.answer());
            return;
        }
        DemoHttp.pause(behaviour.hangMillis());
        try {
            answer(response, behaviour, status, outcome.answer());
        } catch (IOException e) {
            // the caller gave up waiting, as intended; the effect stands
        }
    }

    private static String read(HttpServletRequest request, DemoTool tool) {
        JsonObjectBuilder query = Json.createObjectBuilder();
        request.getParameterMap().forEach((name, values) -> query.add(name, values.length == 0 ? "" : values[0]));
        return Json.createObjectBuilder()
                .add("tool", tool.name())
                .add("path", request.getRequestURI())
                .add("query", query)
                .add("read", tool.read())
                .build()
                .toString();
    }

    /** The normal answer, or what the tool was told to answer instead. */
    private static void answer(HttpServletResponse response, DemoBehaviour behaviour, int status, String normal)
            throws IOException {
        if (behaviour.invalidJson()) {
            DemoHttp.send(response, status, "{\"effectId\": oops");
        } else if (behaviour.hugeBodyBytes() > 0) {
            DemoHttp.sendHuge(response, status, behaviour.hugeBodyBytes());
        } else {
            DemoHttp.send(response, status, normal);
        }
    }

    private Optional<DemoTool> known(String name) {
        return TOOL_NAME.matcher(name).matches() ? store.tool(name) : Optional.empty();
    }

    private static boolean carriesErpKey(HttpServletRequest request) {
        String tenant = ConfigKey.DEMO_TENANT.get(String.class);
        Optional<String> expected = ConfigProvider.getConfig()
                .getOptionalValue(DemoConnectors.erpKeySetting(tenant), String.class)
                .filter(k -> !k.isBlank());
        String given = request.getHeader(DemoConnectors.API_KEY_HEADER);
        return expected.isPresent()
                && given != null
                && MessageDigest.isEqual(
                        expected.get().getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}

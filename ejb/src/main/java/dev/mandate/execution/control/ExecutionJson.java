package dev.mandate.execution.control;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.execution.entity.ExecutionView;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;

/** An execution as JSON: the agent's short form in an envelope's answer, the whole story for explain. */
public final class ExecutionJson {

    private ExecutionJson() {}

    /** An envelope's answer (a compact JSON object) with the execution added as its member "execution". */
    public static String appendTo(String answerJson, JsonObject execution) {
        int end = answerJson.lastIndexOf('}');
        return answerJson.substring(0, end) + ",\"execution\":" + execution + "}";
    }

    public static JsonObject summary(ExecutionView v) {
        return base(v).build();
    }

    public static JsonObject withAttempts(ExecutionView v) {
        JsonArrayBuilder attempts = JSON.createArrayBuilder();
        for (ExecutionView.Attempt a : v.attemptLog()) {
            JsonObjectBuilder attempt = JSON.createObjectBuilder()
                    .add("number", a.number())
                    .add("kind", a.kind())
                    .add("startedAt", a.startedAt().toString())
                    .add("millis", a.millis())
                    .add("outcome", a.outcome())
                    .add("cost", a.cost());
            if (a.httpStatus() != null) {
                attempt.add("httpStatus", a.httpStatus());
            }
            if (a.detail() != null) {
                attempt.add("detail", a.detail());
            }
            attempts.add(attempt);
        }
        return base(v).add("attemptLog", attempts).build();
    }

    private static JsonObjectBuilder base(ExecutionView v) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("id", v.id())
                .add("status", v.status().name())
                .add("attempts", v.attempts())
                .add("idempotencyKey", v.idempotencyKey())
                .add("cost", v.cost())
                .add("toolMillis", v.toolMillis())
                .add("cacheHit", v.cacheHit())
                .add("queuedAt", v.createdAt().toString());
        if (v.onBehalfOf() != null) {
            json.add("onBehalfOf", v.onBehalfOf());
        }
        if (v.httpStatus() != null) {
            json.add("httpStatus", v.httpStatus());
        }
        if (v.reason() != null) {
            json.add("reason", v.reason());
        }
        if (v.resultJson() != null) {
            json.add(
                    "result",
                    JSON.createReader(new StringReader(v.resultJson())).readValue());
        }
        if (v.resultTruncated()) {
            json.add("resultTruncated", true);
        }
        if (v.finishedAt() != null) {
            json.add("finishedAt", v.finishedAt().toString());
        }
        return json;
    }
}

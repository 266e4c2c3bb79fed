package dev.mandate.jobs.eval.control;

import static dev.mandate.platform.json.SharedJson.JSON;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Asks an agent version's eval endpoint for its envelope for a case: POSTs the case input as JSON and
 * expects a JSON object back. Anything else (a timeout, a refused connection, a non-2xx status, a body that
 * is not a JSON object) is the case's failure, never the run's.
 */
@ApplicationScoped
public class AgentEndpoint {

    /** Why the endpoint gave no envelope: the case's error. */
    public static final class NoEnvelope extends Exception {
        NoEnvelope(String message) {
            super(message);
        }
    }

    static final int MAX_ANSWER_CHARS = 200_000;

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    public JsonObject envelopeFor(String url, JsonObject input, Duration timeout) throws NoEnvelope {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(input.toString()))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new NoEnvelope("the eval endpoint is not a usable URL");
        }
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new NoEnvelope("the eval endpoint did not answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            throw new NoEnvelope(
                    "the eval endpoint could not be reached: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NoEnvelope("interrupted while waiting for the eval endpoint");
        }
        if (response.statusCode() / 100 != 2) {
            throw new NoEnvelope("the eval endpoint answered HTTP " + response.statusCode());
        }
        String body = response.body();
        if (body == null || body.length() > MAX_ANSWER_CHARS) {
            throw new NoEnvelope(
                    "the eval endpoint's answer is empty or longer than " + MAX_ANSWER_CHARS + " characters");
        }
        try (JsonReader reader = JSON.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            if (value instanceof JsonObject envelope) {
                return envelope;
            }
        } catch (JsonException | IllegalStateException e) {
            throw new NoEnvelope("the eval endpoint's answer is not JSON");
        }
        throw new NoEnvelope("the eval endpoint's answer is not a JSON object");
    }
}

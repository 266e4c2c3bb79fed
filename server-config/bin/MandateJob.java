/*
 * Starts a Mandate job, waits for it and prints its figures: for cron, Control-M and CI. JDK 17+ and nothing
 * else, run as a single source file:
 *
 *   java MandateJob.java --url https://mandate.example.com --token-file /etc/mandate/job-token \
 *        --job agent-census [--param name=value ...] [--timeout 3600] [--poll 5]
 *
 * The token (a Mandate administrator's bearer token of the tenant the job is for) is read from the file, or
 * from the environment variable MANDATE_TOKEN when no file is given; never from the command line, where
 * other users of the machine could read it.
 *
 * Exit codes: 0 the job COMPLETED (and is not a gate that said BLOCK); 1 it ended FAILED, STOPPED or
 * ABANDONED; 2 usage error, or an HTTP error (the problem Mandate answered is printed); 3 it COMPLETED and a
 * gate said BLOCK (exit status "BLOCK..." or the figure decision=BLOCK); 4 still running when the timeout
 * came (it is left running; look at the printed Location).
 */
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

public class MandateJob {

    static final int COMPLETED = 0, FAILED = 1, ERROR = 2, BLOCKED = 3, TIMED_OUT = 4;
    static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED");

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException wrong) {
            System.err.println("mandate-job: " + wrong.getMessage());
            System.err.println("usage: java MandateJob.java --url URL (--token-file FILE | env MANDATE_TOKEN)"
                    + " --job NAME [--param NAME=VALUE ...] [--timeout SECONDS] [--poll SECONDS]");
            return ERROR;
        }
        try {
            return new MandateJob().start(options);
        } catch (IOException | RuntimeException failed) {
            System.err.println("mandate-job: " + failed);
            return ERROR;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            System.err.println("mandate-job: interrupted");
            return ERROR;
        }
    }

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    int start(Options options) throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder("{\"parameters\":{");
        String separator = "";
        for (Map.Entry<String, String> parameter : options.parameters.entrySet()) {
            body.append(separator).append(quote(parameter.getKey())).append(':').append(quote(parameter.getValue()));
            separator = ",";
        }
        body.append("}}");
        URI jobs = URI.create(options.url + "/api/v1/jobs/"
                + URLEncoder.encode(options.job, StandardCharsets.UTF_8).replace("+", "%20"));
        HttpResponse<String> started = http.send(
                request(jobs, options.token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            System.err.println("mandate-job: POST " + jobs + " answered " + started.statusCode());
            System.err.println(started.body());
            return ERROR;
        }
        URI execution = jobs.resolve(started.headers()
                .firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("202 without a Location")));
        System.out.println("execution=" + execution);
        long deadline =
                System.nanoTime() + Duration.ofSeconds(options.timeoutSeconds).toNanos();
        while (true) {
            HttpResponse<String> answer =
                    http.send(request(execution, options.token).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                System.err.println("mandate-job: GET " + execution + " answered " + answer.statusCode());
                System.err.println(answer.body());
                return ERROR;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> state = (Map<String, Object>) new Json(answer.body()).value();
            String status = String.valueOf(state.get("status"));
            if (ENDED.contains(status)) {
                print(state);
                return exitCode(status, state);
            }
            if (System.nanoTime() > deadline) {
                System.out.println("status=" + status);
                System.err.println(
                        "mandate-job: still " + status + " after " + options.timeoutSeconds + " s; left running");
                return TIMED_OUT;
            }
            Thread.sleep(options.pollSeconds * 1000L);
        }
    }

    static int exitCode(String status, Map<String, Object> state) {
        if (!status.equals("COMPLETED")) {
            return FAILED;
        }
        Object exit = state.get("exitStatus");
        Object figures = state.get("figures");
        boolean blocked = exit instanceof String text && text.matches("BLOCK(\\W.*)?")
                || figures instanceof Map<?, ?> reported && "BLOCK".equals(reported.get("decision"));
        return blocked ? BLOCKED : COMPLETED;
    }

    private static void print(Map<String, Object> state) {
        System.out.println("job=" + state.get("jobName"));
        System.out.println("status=" + state.get("status"));
        System.out.println("exitStatus=" + state.get("exitStatus"));
        if (state.get("figures") instanceof Map<?, ?> figures) {
            figures.forEach((name, value) -> System.out.println("figure." + name + "=" + value));
        }
        if (state.get("steps") instanceof List<?> steps) {
            for (Object step : steps) {
                if (step instanceof Map<?, ?> s && s.get("metrics") instanceof Map<?, ?> metrics) {
                    metrics.forEach((metric, value) ->
                            System.out.println("step." + s.get("name") + "." + metric + "=" + value));
                }
            }
        }
    }

    private static HttpRequest.Builder request(URI uri, String token) {
        return HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
    }

    static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    /** The command line. */
    record Options(
            String url,
            String token,
            String job,
            Map<String, String> parameters,
            long timeoutSeconds,
            long pollSeconds) {

        static Options parse(String[] args) {
            String url = null, tokenFile = null, job = null;
            long timeout = 3600, poll = 5;
            Map<String, String> parameters = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(option + " needs a value");
                }
                String value = args[++i];
                switch (option) {
                    case "--url" -> url = value.replaceAll("/+$", "");
                    case "--token-file" -> tokenFile = value;
                    case "--job" -> job = value;
                    case "--param" -> {
                        int equals = value.indexOf('=');
                        if (equals < 1) {
                            throw new IllegalArgumentException("--param takes NAME=VALUE, not '" + value + "'");
                        }
                        parameters.put(value.substring(0, equals), value.substring(equals + 1));
                    }
                    case "--timeout" -> timeout = seconds(option, value);
                    case "--poll" -> poll = seconds(option, value);
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            }
            if (url == null || !url.matches("https?://.+")) {
                throw new IllegalArgumentException("--url http(s)://host[:port] is required");
            }
            if (job == null || job.isBlank()) {
                throw new IllegalArgumentException("--job is required");
            }
            String token;
            try {
                token = tokenFile != null
                        ? Files.readString(Path.of(tokenFile)).trim()
                        : System.getenv().getOrDefault("MANDATE_TOKEN", "").trim();
            } catch (IOException unreadable) {
                throw new IllegalArgumentException("token file " + tokenFile + " cannot be read: " + unreadable);
            }
            if (token.isEmpty()) {
                throw new IllegalArgumentException("no token: --token-file FILE, or MANDATE_TOKEN");
            }
            return new Options(url, token, job, parameters, timeout, poll);
        }

        private static long seconds(String option, String value) {
            try {
                long seconds = Long.parseLong(value);
                if (seconds < 1 || seconds > 7 * 24 * 3600) {
                    throw new NumberFormatException();
                }
                return seconds;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " takes seconds from 1 to 604800, not '" + value + "'");
            }
        }
    }

    /** Just enough JSON to read an execution: objects, arrays, strings, numbers, booleans, null. */
    static final class Json {
        private final String text;
        private int at;

        Json(String text) {
            this.text = text;
        }

        Object value() {
            space();
            if (at >= text.length()) {
                throw new IllegalStateException("unexpected end of JSON");
            }
            char c = text.charAt(at);
            switch (c) {
                case '{' -> {
                    at++;
                    Map<String, Object> object = new LinkedHashMap<>();
                    space();
                    if (text.charAt(at) == '}') {
                        at++;
                        return object;
                    }
                    while (true) {
                        space();
                        String name = string();
                        space();
                        expect(':');
                        object.put(name, value());
                        space();
                        if (text.charAt(at) == ',') {
                            at++;
                        } else {
                            expect('}');
                            return object;
                        }
                    }
                }
                case '[' -> {
                    at++;
                    List<Object> array = new ArrayList<>();
                    space();
                    if (text.charAt(at) == ']') {
                        at++;
                        return array;
                    }
                    while (true) {
                        array.add(value());
                        space();
                        if (text.charAt(at) == ',') {
                            at++;
                        } else {
                            expect(']');
                            return array;
                        }
                    }
                }
                case '"' -> {
                    return string();
                }
                default -> {
                    int start = at;
                    while (at < text.length() && ",}] \t\r\n".indexOf(text.charAt(at)) < 0) {
                        at++;
                    }
                    String word = text.substring(start, at);
                    return switch (word) {
                        case "true" -> Boolean.TRUE;
                        case "false" -> Boolean.FALSE;
                        case "null" -> null;
                        default -> new java.math.BigDecimal(word);
                    };
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (text.charAt(at) != '"') {
                char c = text.charAt(at++);
                if (c == '\\') {
                    char escaped = text.charAt(at++);
                    switch (escaped) {
                        case 'n' -> out.append('\n');
                        case 't' -> out.append('\t');
                        case 'r' -> out.append('\r');
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case 'u' -> {
                            out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                            at += 4;
                        }
                        default -> out.append(escaped);
                    }
                } else {
                    out.append(c);
                }
            }
            at++;
            return out.toString();
        }

        private void expect(char c) {
            if (at >= text.length() || text.charAt(at) != c) {
                throw new IllegalStateException("JSON: '" + c + "' expected at " + at);
            }
            at++;
        }

        private void space() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }
    }
}

package dev.mandate.it.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of {@code /metrics?scope=application}: its text and its series, as Prometheus reads them. */
record Scrape(String text, List<Sample> samples) {

    record Sample(String name, Map<String, String> labels, double value) {}

    private static final Pattern LINE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** The scraper the test domain lets read {@code /metrics} ({@code user:password}), as production does. */
    static final String SCRAPER =
            System.getProperty("mandate.it.metrics-scraper", "metrics-scraper:scrape-only-in-tests");

    static Scrape now() {
        Response response = asScraper().accept("text/plain").get("/metrics?scope=application");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        String text = response.asString();
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line.trim());
            assertThat(m.matches()).as("a Prometheus sample line: %s", line).isTrue();
            Map<String, String> labels = new HashMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
        }
        return new Scrape(text, samples);
    }

    static String user() {
        return SCRAPER.substring(0, SCRAPER.indexOf(':'));
    }

    static String password() {
        return SCRAPER.substring(SCRAPER.indexOf(':') + 1);
    }

    static RequestSpecification asScraper() {
        return RestAssured.given()
                .baseUri(ObservedTenant.BASE)
                .auth()
                .preemptive()
                .basic(user(), password());
    }

    /** The sum of the series of {@code name} carrying all of {@code labels} (name, value, name, value...). */
    double value(String name, String... labels) {
        return matching(name, labels).stream().mapToDouble(Sample::value).sum();
    }

    List<Sample> matching(String name, String... labels) {
        Map<String, String> wanted = new HashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        return samples.stream()
                .filter(s -> s.name().equals(name))
                .filter(s -> s.labels().entrySet().containsAll(wanted.entrySet()))
                .toList();
    }
}

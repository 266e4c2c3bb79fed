package dev.mandate.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one scenario of the console's browser tests ({@code src/test/console/e2e.mjs}: playwright-core driving
 * the machine's Chromium) against a running Mandate; every check it printed must have passed. Its lines go to
 * {@code target/console-screenshots/<scenario>.jsonl}, beside the screenshots it takes.
 */
public final class ConsoleBrowser {

    private static final Path TESTS = Path.of(System.getProperty("mandate.it.console-tests", "console"));
    private static final Path OUTPUT = Path.of("target", "console-screenshots").toAbsolutePath();

    private ConsoleBrowser() {}

    public static List<String> scenario(String base, String name, Map<String, Object> arguments) {
        try {
            Files.createDirectories(OUTPUT);
            Path log = OUTPUT.resolve(name + ".jsonl");
            Process process = new ProcessBuilder(
                            "node",
                            "e2e.mjs",
                            base,
                            name,
                            OUTPUT.toString(),
                            new ObjectMapper().writeValueAsString(arguments))
                    .directory(TESTS.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("console scenario " + name + " did not finish within 3 minutes");
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> failed = lines.stream()
                    .filter(l -> !l.startsWith("{") || !JsonPath.from(l).getBoolean("ok"))
                    .toList();
            assertThat(failed)
                    .as("console scenario %s (exit %d): %s", name, process.exitValue(), lines)
                    .isEmpty();
            assertThat(process.exitValue()).as(String.join("\n", lines)).isZero();
            assertThat(lines).as("checks of %s", name).hasSizeGreaterThan(2);
            return lines;
        } catch (IOException e) {
            throw new AssertionError("could not run node for console scenario " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

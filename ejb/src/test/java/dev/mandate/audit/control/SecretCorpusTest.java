package dev.mandate.audit.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.audit.entity.AuditEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of personal data and secret shapes ({@code audit/secret-corpus.tsv}): none survives
 * redaction, alone, inside an envelope's arguments, as the agent's task or trace id, or straddling the
 * point where the audit cuts the summary; the look-alikes in it stay as they are.
 */
class SecretCorpusTest {

    record Shape(String kind, String text, List<String> forbidden) {
        @Override
        public String toString() {
            return kind + ": " + text;
        }
    }

    static List<Shape> corpus() throws IOException {
        try (InputStream in = SecretCorpusTest.class.getResourceAsStream("/audit/secret-corpus.tsv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("\t", -1))
                    .map(cells -> new Shape(
                            cells[0],
                            cells[1].replace("\\n", "\n"),
                            cells[2].isBlank() ? List.of() : Arrays.asList(cells[2].split(" \\|\\| "))))
                    .toList();
        }
    }

    static Stream<Shape> leaks() throws IOException {
        return corpus().stream().filter(shape -> !shape.kind().equals("keep"));
    }

    static Stream<Shape> keeps() throws IOException {
        return corpus().stream().filter(shape -> shape.kind().equals("keep"));
    }

    @ParameterizedTest
    @MethodSource("leaks")
    void noShapeSurvivesRedaction(Shape shape) {
        assertNone(PiiRedactor.redact(shape.text()), shape);
    }

    @ParameterizedTest
    @MethodSource("leaks")
    void noShapeSurvivesInsideAnEnvelopeSummary(Shape shape) {
        String summary = "erp:pay_invoice task=pay-invoice arguments={\"invoiceId\":\"INV-1\",\"note\":"
                + (shape.text().startsWith("{") ? shape.text() : "\"" + shape.text() + "\"") + "}";
        AuditEntry clean = AuditEntries.sanitise(entry(summary, shape.text(), shape.text()));
        assertNone(clean.inputSummary(), shape);
        assertNone(clean.details().get("reasons"), shape);
    }

    @ParameterizedTest
    @MethodSource("leaks")
    void noShapeSurvivesAsTaskOrTraceId(Shape shape) {
        AuditEntry clean = AuditEntries.sanitise(entry("s", shape.text(), shape.text()));
        assertNone(clean.taskId(), shape);
        assertNone(clean.traceId(), shape);
    }

    /** Placed so the summary's cut falls inside the secret: redaction runs first, nothing of it is left. */
    @ParameterizedTest
    @MethodSource("leaks")
    void noShapeSurvivesInPartWhereTheSummaryIsCut(Shape shape) {
        for (String secret : shape.forbidden()) {
            int at = shape.text().indexOf(secret);
            for (int into : List.of(1, 4, secret.length() / 2)) {
                int padding = AuditEntries.MAX_SUMMARY - 1 - at - into;
                String summary = " ".repeat(padding) + shape.text() + " and more";
                String stored =
                        AuditEntries.sanitise(entry(summary, null, null)).inputSummary();
                assertThat(stored).hasSizeLessThanOrEqualTo(AuditEntries.MAX_SUMMARY);
                String head = secret.substring(0, Math.min(secret.length(), Math.max(into, 3)));
                assertThat(stored.strip())
                        .as("%s cut %d characters in", shape, into)
                        .doesNotContain(head);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("keeps")
    void lookAlikesStay(Shape shape) {
        assertThat(PiiRedactor.redact(shape.text())).isEqualTo(shape.text());
    }

    @Test
    void aLongTaskIdIsRedactedBeforeItIsCutToItsColumn() {
        String taskId = "t".repeat(120) + "-owner.straddle@example.com";
        AuditEntry clean = AuditEntries.sanitise(entry("s", taskId, null));
        assertThat(clean.taskId())
                .hasSizeLessThanOrEqualTo(128)
                .doesNotContain("owner")
                .contains("[EMAIL]");
    }

    @Test
    void generatedIdsAreKeptAsTaskAndTraceIds() {
        AuditEntry clean = AuditEntries.sanitise(
                entry("s", "0192f1c4-7d3a-7b1e-9c2d-3e4f5a6b7c8d", "4bf92f3577b34da6a3ce929d0e0e4736"));
        assertThat(clean.taskId()).isEqualTo("0192f1c4-7d3a-7b1e-9c2d-3e4f5a6b7c8d");
        assertThat(clean.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(AuditEntries.sanitise(entry("s", "inv-2026-0042", null)).taskId())
                .isEqualTo("inv-2026-0042");
    }

    private static AuditEntry entry(String summary, String taskId, String traceId) {
        return new AuditEntry(
                "acme",
                "agent-1",
                "agent-1",
                taskId,
                traceId,
                "envelope.decided",
                "ALLOW",
                List.of(),
                summary,
                null,
                Map.of("reasons", summary));
    }

    private static void assertNone(String redacted, Shape shape) {
        for (String secret : shape.forbidden()) {
            assertThat(redacted).as(shape.toString()).doesNotContain(secret);
        }
    }
}

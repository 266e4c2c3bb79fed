package dev.mandate.audit.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mandate.audit.entity.AuditEntry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditEntriesTest {

    private static AuditEntry entry(String summary, Map<String, String> details) {
        return new AuditEntry(
                "acme", "admin@acme", "agent-1", null, "trace-1", "agent.updated", "OK", null, summary, null, details);
    }

    @Test
    void redactsTheSummaryAndDetailValuesButNotTheActor() {
        AuditEntry clean = AuditEntries.sanitise(entry(
                "refund to jane@example.com, card 4111 1111 1111 1111",
                Map.of("after", "sponsor=bob@example.com", "clientSecret", "abc")));
        assertThat(clean.inputSummary()).isEqualTo("refund to [EMAIL], card [CARD]");
        assertThat(clean.details()).containsEntry("after", "sponsor=[EMAIL]").containsEntry("clientSecret", "[SECRET]");
        assertThat(clean.actor()).isEqualTo("admin@acme");
        assertThat(clean.ruleIds()).isEmpty();
    }

    @Test
    void cutsLongFreeText() {
        AuditEntry clean = AuditEntries.sanitise(entry("x".repeat(5000), Map.of("after", "y".repeat(5000))));
        assertThat(clean.inputSummary()).hasSize(AuditEntries.MAX_SUMMARY).endsWith("…");
        assertThat(clean.details().get("after")).hasSize(AuditEntries.MAX_DETAIL_VALUE);
    }

    @Test
    void manyDetailsStayWithinTheColumn() {
        Map<String, String> many = new java.util.HashMap<>();
        for (int i = 0; i < 40; i++) {
            many.put("k" + i, "v".repeat(900));
        }
        AuditEntry clean = AuditEntries.sanitise(entry(null, many));
        assertThat(dev.mandate.audit.entity.CanonicalForm.details(clean.details())
                        .length())
                .isLessThan(8000);
        assertThat(clean.details()).containsValue("[TRUNCATED]");
    }

    @Test
    void refusesEntriesWithoutRequiredFieldsOrWithOversizedIdentifiers() {
        assertThatThrownBy(() -> AuditEntries.sanitise(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuditEntries.sanitise(
                        new AuditEntry(null, "a", null, null, null, "x", "OK", List.of(), null, null, Map.of())))
                .hasMessageContaining("tenant");
        assertThatThrownBy(() -> AuditEntries.sanitise(
                        new AuditEntry("t", " ", null, null, null, "x", "OK", List.of(), null, null, Map.of())))
                .hasMessageContaining("actor");
        assertThatThrownBy(() -> AuditEntries.sanitise(
                        new AuditEntry("t", "a", null, null, null, "x", null, List.of(), null, null, Map.of())))
                .hasMessageContaining("outcome");
        assertThatThrownBy(() -> AuditEntries.sanitise(new AuditEntry(
                        "t", "a", "g".repeat(129), null, null, "x", "OK", List.of(), null, null, Map.of())))
                .hasMessageContaining("agentId");
        assertThatThrownBy(() -> AuditEntries.sanitise(new AuditEntry(
                        "t",
                        "a",
                        null,
                        null,
                        null,
                        "x",
                        "OK",
                        java.util.Collections.nCopies(20, "r".repeat(150)),
                        null,
                        null,
                        Map.of())))
                .hasMessageContaining("rule ids");
    }
}

package dev.mandate.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.audit.entity.CanonicalForm;
import dev.mandate.audit.entity.CheckpointView;
import dev.mandate.audit.entity.RecordView;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalFormTest {

    private static final RecordView RECORD = new RecordView(
            "0b6f1c1e-2f1a-4c47-9a53-2f7a1f3c9e10",
            "acme",
            3,
            42,
            "2026-11-21T10:15:30.123456Z",
            "admin@acme.example",
            "agent-1",
            null,
            "trace-9",
            "envelope.decided",
            "DENY",
            List.of("r-2", "r-1"),
            "line1\nline2 \"quoted\" \\ tab\t ctrl\u0001 é",
            "7",
            Map.of("b", "2", "a", "1"),
            CanonicalForm.GENESIS,
            null);

    @Test
    void aRecordHasOneExactCanonicalForm() {
        assertThat(CanonicalForm.record(RECORD))
                .isEqualTo("{\"v\":1,\"type\":\"record\",\"id\":\"0b6f1c1e-2f1a-4c47-9a53-2f7a1f3c9e10\","
                        + "\"tenant\":\"acme\",\"chain\":3,\"sequence\":42,\"timestamp\":\"2026-11-21T10:15:30.123456Z\","
                        + "\"actor\":\"admin@acme.example\",\"agentId\":\"agent-1\",\"taskId\":null,"
                        + "\"traceId\":\"trace-9\",\"action\":\"envelope.decided\",\"outcome\":\"DENY\","
                        + "\"ruleIds\":[\"r-2\",\"r-1\"],"
                        + "\"inputSummary\":\"line1\\nline2 \\\"quoted\\\" \\\\ tab\\t ctrl\\u0001 é\","
                        + "\"policyVersion\":\"7\",\"details\":{\"a\":\"1\",\"b\":\"2\"},"
                        + "\"previousHash\":\"" + "0".repeat(64) + "\"}");
    }

    @Test
    void theHashIsSha256OfTheCanonicalFormAndStable() {
        assertThat(CanonicalForm.recordHash(RECORD))
                .hasSize(64)
                .isEqualTo(CanonicalForm.sha256(CanonicalForm.record(RECORD)));
        assertThat(CanonicalForm.sha256("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void detailOrderDoesNotMatterButEveryFieldDoes() {
        Map<String, String> reversed = new LinkedHashMap<>();
        reversed.put("b", "2");
        reversed.put("a", "1");
        Map<String, String> sorted = new LinkedHashMap<>();
        sorted.put("a", "1");
        sorted.put("b", "2");
        assertThat(CanonicalForm.details(reversed)).isEqualTo(CanonicalForm.details(sorted));
        String original = CanonicalForm.recordHash(RECORD);
        assertThat(CanonicalForm.recordHash(Chains.withOutcome(RECORD, "ALLOW")))
                .isNotEqualTo(original);
        assertThat(CanonicalForm.recordHash(RECORD.atSequence(43))).isNotEqualTo(original);
        assertThat(CanonicalForm.recordHash(Chains.withPrevious(RECORD, "1".repeat(64))))
                .isNotEqualTo(original);
    }

    @Test
    void nullAndEmptyAreDistinctForTextButNotForRuleIds() {
        assertThat(CanonicalForm.ruleIds(null)).isEqualTo("[]").isEqualTo(CanonicalForm.ruleIds(List.of()));
        assertThat(CanonicalForm.record(RECORD)).contains("\"taskId\":null");
    }

    @Test
    void timestampsAreUtcWithExactlyMicroseconds() {
        OffsetDateTime nanos = OffsetDateTime.of(2026, 11, 21, 12, 0, 0, 123_456_789, ZoneOffset.ofHours(2));
        assertThat(CanonicalForm.timestamp(nanos)).isEqualTo("2026-11-21T10:00:00.123456Z");
        assertThat(CanonicalForm.timestamp(nanos.withNano(0))).isEqualTo("2026-11-21T10:00:00.000000Z");
        // what the database gives back (microseconds) hashes like what was written
        OffsetDateTime roundTripped = OffsetDateTime.of(2026, 11, 21, 10, 0, 0, 123_456_000, ZoneOffset.UTC);
        assertThat(CanonicalForm.timestamp(roundTripped)).isEqualTo(CanonicalForm.timestamp(nanos));
        assertThat(CanonicalForm.truncate(nanos).getNano()).isEqualTo(123_456_000);
    }

    @Test
    void aCheckpointHasOneExactCanonicalForm() {
        CheckpointView checkpoint = new CheckpointView(
                "acme", 1, 2, 10, "a".repeat(64), "2026-11-21T10:00:00.000000Z", "b".repeat(64), "kid", "x", "y");
        assertThat(CanonicalForm.checkpoint(checkpoint))
                .isEqualTo("{\"v\":1,\"type\":\"checkpoint\",\"tenant\":\"acme\",\"chain\":1,\"number\":2,"
                        + "\"recordSequence\":10,\"headHash\":\"" + "a".repeat(64)
                        + "\",\"sealedAt\":\"2026-11-21T10:00:00.000000Z\",\"previousCheckpointHash\":\""
                        + "b".repeat(64) + "\",\"keyId\":\"kid\"}");
    }
}

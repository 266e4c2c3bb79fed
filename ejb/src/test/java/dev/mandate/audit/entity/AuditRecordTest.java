package dev.mandate.audit.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditRecordTest {

    private static final AuditEntry ENTRY = new AuditEntry(
            "acme",
            "admin",
            "agent-1",
            "task-1",
            "trace-1",
            "envelope.decided",
            "DENY",
            List.of("r1", "r2"),
            "summary",
            "v3",
            Map.of("after", "x", "before", "y"));

    @Test
    void chainsRecordsAndTheirHashesSurviveReadingBack() {
        ChainPosition chain = ChainPosition.genesis("acme", 3);
        OffsetDateTime nanos = OffsetDateTime.of(2026, 11, 21, 10, 0, 0, 123_456_789, ZoneOffset.UTC);
        AuditRecord first = new AuditRecord("id-1", ENTRY, 3, 1, chain.nextTime(nanos), chain.headHash());
        chain = chain.after(first);
        AuditRecord second = new AuditRecord("id-2", ENTRY, 3, 2, chain.nextTime(nanos), chain.headHash());
        chain = chain.after(second);

        assertThat(first.previousHash()).isEqualTo(CanonicalForm.GENESIS);
        assertThat(second.previousHash()).isEqualTo(first.hash());
        assertThat(first.recordedAt().getNano()).isEqualTo(123_456_000);
        assertThat(CanonicalForm.recordHash(second.view())).isEqualTo(second.hash());
        assertThat(second.view().ruleIds()).containsExactly("r1", "r2");
        assertThat(second.view().details()).containsEntry("after", "x").containsEntry("before", "y");
        assertThat(chain.headSequence()).isEqualTo(2);
        assertThat(chain.headHash()).isEqualTo(second.hash());
        assertThat(chain.headTime()).isEqualTo(second.recordedAt());
    }

    @Test
    void aChainsTimeNeverGoesBackward() {
        ChainPosition empty = ChainPosition.genesis("acme", 0);
        OffsetDateTime later = OffsetDateTime.of(2026, 11, 21, 10, 5, 0, 0, ZoneOffset.UTC);
        ChainPosition chain =
                empty.after(new AuditRecord("id-1", ENTRY, 0, 1, empty.nextTime(later), empty.headHash()));
        OffsetDateTime clockSteppedBack = later.minusMinutes(5);
        assertThat(chain.nextTime(clockSteppedBack)).isEqualTo(later);
        assertThat(chain.nextTime(later.plusSeconds(1))).isEqualTo(later.plusSeconds(1));
    }

    @Test
    void aRecordMustContinueItsChain() {
        ChainPosition chain = ChainPosition.genesis("acme", 0);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        AuditRecord skipping = new AuditRecord("id-1", ENTRY, 0, 2, now, chain.headHash());
        assertThatThrownBy(() -> chain.after(skipping)).isInstanceOf(IllegalStateException.class);
        AuditRecord wrongLink = new AuditRecord("id-1", ENTRY, 0, 1, now, "1".repeat(64));
        assertThatThrownBy(() -> chain.after(wrongLink)).isInstanceOf(IllegalStateException.class);
        AuditRecord otherChain = new AuditRecord("id-1", ENTRY, 1, 1, now, chain.headHash());
        assertThatThrownBy(() -> chain.after(otherChain)).isInstanceOf(IllegalStateException.class);
    }
}

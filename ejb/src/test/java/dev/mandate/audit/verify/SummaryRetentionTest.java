package dev.mandate.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.audit.entity.CanonicalForm;
import dev.mandate.audit.entity.RecordView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A record that commits to its summary through SHA-256(salt + summary) verifies with the summary and with
 * it deleted (retention), and still shows every edit: of the summary, of the kept digest, and a salt taken
 * away from a summary left in place. Records that hash their summary itself (before V22) verify as before.
 */
class SummaryRetentionTest {

    private final AuditVerifier verifier = new AuditVerifier(Chains.TENANT, Chains.trusted());

    /** Records 1-4 of chain 0: 1 hashes its summary itself (written before V22), 2-4 commit to a digest. */
    private static List<RecordView> chain() {
        List<RecordView> records = new ArrayList<>();
        String previous = CanonicalForm.GENESIS;
        for (int i = 1; i <= 4; i++) {
            String summary = "refund for customer " + i + " (card ending 42" + i + ")";
            String salt = i == 1 ? null : "0123456789abcdef0123456789abcde" + i;
            RecordView record = Chains.hashed(new RecordView(
                    "rec-" + i,
                    Chains.TENANT,
                    0,
                    i,
                    String.format("2026-11-21T10:00:%02d.000000Z", i),
                    "agent",
                    "agent-1",
                    "task-" + i,
                    null,
                    "envelope.decided",
                    "ALLOW",
                    List.of(),
                    summary,
                    null,
                    Map.of(),
                    previous,
                    null,
                    salt,
                    salt == null ? null : CanonicalForm.summaryDigest(salt, summary)));
            records.add(record);
            previous = record.hash();
        }
        return records;
    }

    private AuditVerifier.ChainResult verify(List<RecordView> records) {
        return verifier.verifyChain(0, records, List.of(), null);
    }

    private static RecordView withSummary(RecordView r, String summary, String salt, String digest) {
        return new RecordView(
                r.id(),
                r.tenant(),
                r.chain(),
                r.sequence(),
                r.timestamp(),
                r.actor(),
                r.agentId(),
                r.taskId(),
                r.traceId(),
                r.action(),
                r.outcome(),
                r.ruleIds(),
                summary,
                r.policyVersion(),
                r.details(),
                r.previousHash(),
                r.hash(),
                salt,
                digest);
    }

    /** What retention does: the summary and its salt deleted, the digest kept. */
    private static RecordView redacted(RecordView r) {
        return withSummary(r, null, null, r.inputSummaryDigest());
    }

    @Test
    void aCommittedSummaryVerifiesWithAndWithoutItself() {
        List<RecordView> records = chain();
        assertThat(verify(records).firstBad()).isNull();

        records.set(1, redacted(records.get(1)));
        records.set(2, redacted(records.get(2)));

        assertThat(records.get(1).inputSummary()).isNull();
        assertThat(verify(records).firstBad()).isNull();
        assertThat(verify(records).records()).isEqualTo(4);
    }

    @Test
    void anEditedSummaryIsStillNamedBeforeAndAfterOthersWereRedacted() {
        List<RecordView> records = chain();
        records.set(1, redacted(records.get(1)));
        RecordView third = records.get(2);
        records.set(
                2, withSummary(third, "refund for someone else", third.inputSummarySalt(), third.inputSummaryDigest()));

        FirstBad bad = verify(records).firstBad();

        assertThat(bad.sequence()).isEqualTo(3);
        assertThat(bad.problem()).isEqualTo(Problem.EDITED);
    }

    @Test
    void aChangedDigestOfARedactedRecordIsNamed() {
        List<RecordView> records = chain();
        RecordView second = redacted(records.get(1));
        records.set(1, withSummary(second, null, null, CanonicalForm.sha256("something else")));

        assertThat(verify(records).firstBad().sequence()).isEqualTo(2);
        assertThat(verify(records).firstBad().problem()).isEqualTo(Problem.EDITED);
    }

    @Test
    void aSaltTakenAwayFromASummaryLeftInPlaceIsNamed() {
        // else the kept digest would stand for a summary nobody checks against it
        List<RecordView> records = chain();
        RecordView fourth = records.get(3);
        records.set(3, withSummary(fourth, "refund for someone else", null, fourth.inputSummaryDigest()));

        assertThat(verify(records).firstBad().sequence()).isEqualTo(4);
        assertThat(verify(records).firstBad().problem()).isEqualTo(Problem.EDITED);
    }

    @Test
    void aRecordHashingItsSummaryItselfCannotBeRedactedUnnoticed() {
        List<RecordView> records = chain();
        RecordView first = records.get(0);
        // deleting the summary of a record written before V22, even with a digest made up for it
        records.set(0, withSummary(first, null, null, CanonicalForm.summaryDigest("00", first.inputSummary())));

        assertThat(verify(records).firstBad().sequence()).isEqualTo(1);
        assertThat(verify(records).firstBad().problem()).isEqualTo(Problem.EDITED);
    }
}

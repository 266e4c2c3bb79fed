package dev.mandate.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.audit.entity.ChainHead;
import dev.mandate.audit.entity.CheckpointView;
import dev.mandate.audit.entity.RecordView;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every kind of tampering, on a chain of 10 records sealed after 4 and 8: found, and the first bad one named. */
class AuditVerifierTest {

    private final List<RecordView> records = Chains.records(0, 10);
    private final List<CheckpointView> checkpoints = Chains.checkpoints(records, Chains.KEY, 4, 8);
    private final ChainHead head = Chains.head(records, checkpoints);
    private final AuditVerifier verifier = new AuditVerifier(Chains.TENANT, Chains.trusted());

    @Test
    void aGenuineChainIsValid() {
        AuditVerifier.ChainResult result = verifier.verifyChain(0, records, checkpoints, head);
        assertThat(result.firstBad()).isNull();
        assertThat(verifier.verifyChain(0, records::forEach, checkpoints, head, null))
                .isEqualTo(result);
        assertThat(result.records()).isEqualTo(10);
        assertThat(result.checkpoints()).isEqualTo(2);
        Verification summary = AuditVerifier.summarise(List.of(result));
        assertThat(summary.valid()).isTrue();
        assertThat(summary.problems()).isEmpty();
    }

    @Test
    void anEditedFieldIsNamed() {
        List<RecordView> tampered = new ArrayList<>(records);
        tampered.set(4, Chains.withOutcome(records.get(4), "ALLOW"));
        assertFirstBad(tampered, head, 5, "rec-0-5", Problem.EDITED);
    }

    @Test
    void anEditedPreviousHashIsNamed() {
        List<RecordView> tampered = new ArrayList<>(records);
        tampered.set(6, Chains.withPrevious(records.get(6), "f".repeat(64)));
        assertFirstBad(tampered, head, 7, "rec-0-7", Problem.EDITED);
    }

    @Test
    void anEditedAndRehashedRecordIsNamedThoughItsOwnHashMatches() {
        List<RecordView> tampered = new ArrayList<>(records);
        tampered.set(4, Chains.hashed(Chains.withOutcome(records.get(4), "ALLOW")));
        assertFirstBad(tampered, head, 5, "rec-0-5", Problem.EDITED);
    }

    @Test
    void aDeletedRecordIsNamedBySequence() {
        List<RecordView> tampered = new ArrayList<>(records);
        tampered.remove(4);
        FirstBad bad = assertFirstBad(tampered, head, 5, null, Problem.MISSING);
        assertThat(bad.detail()).contains("rec-0-6");
    }

    @Test
    void aDeletedRecordIsFoundWhenTheRestWasRenumbered() {
        List<RecordView> tampered = new ArrayList<>(records.subList(0, 4));
        for (RecordView later : records.subList(5, 10)) {
            tampered.add(later.atSequence(later.sequence() - 1));
        }
        assertFirstBad(tampered, head, 5, null, Problem.MISSING);
    }

    @Test
    void twoSwappedLinesAreNamed() {
        List<RecordView> tampered = new ArrayList<>(records);
        Collections.swap(tampered, 4, 5);
        assertFirstBad(tampered, head, 6, "rec-0-6", Problem.REORDERED);
    }

    @Test
    void twoExchangedSequenceNumbersAreNamed() {
        List<RecordView> tampered = new ArrayList<>(records);
        tampered.set(4, records.get(5).atSequence(5));
        tampered.set(5, records.get(4).atSequence(6));
        assertFirstBad(tampered, head, 5, "rec-0-6", Problem.REORDERED);
    }

    @Test
    void aTruncatedTailIsCaughtByTheChainHead() {
        assertFirstBad(records.subList(0, 9), head, 10, null, Problem.TRUNCATED);
    }

    @Test
    void aTruncatedTailIsCaughtByASignedCheckpointEvenWhenTheHeadWasAdjusted() {
        List<RecordView> kept = records.subList(0, 6);
        ChainHead adjusted =
                new ChainHead(0, 6, kept.get(5).hash(), 2, checkpoints.get(1).hash());
        assertFirstBad(kept, adjusted, 7, null, Problem.TRUNCATED);
        assertFirstBad(kept, null, 7, null, Problem.TRUNCATED);
    }

    @Test
    void aForgedRecordAppendedWithCorrectHashesIsCaughtByTheChainHead() {
        List<RecordView> tampered = new ArrayList<>(records);
        tampered.add(forged(11, records.get(9).hash(), true));
        assertFirstBad(tampered, head, 11, "forged", Problem.INSERTED);
    }

    @Test
    void aForgedRecordInsertedInTheMiddleIsNamed() {
        List<RecordView> tampered = shiftedWithForgedAt5(false);
        assertFirstBad(tampered, head, 5, "forged", Problem.INSERTED);
    }

    @Test
    void aForgedRecordWithACorrectHashInsertedInTheMiddleIsNamed() {
        List<RecordView> tampered = shiftedWithForgedAt5(true);
        assertFirstBad(tampered, head, 5, "forged", Problem.INSERTED);
    }

    @Test
    void aRecordOfAnotherTenantIsInserted() {
        List<RecordView> tampered = new ArrayList<>(records);
        RecordView foreign = records.get(2);
        tampered.set(
                2,
                Chains.hashed(new RecordView(
                        foreign.id(),
                        "other",
                        0,
                        3,
                        foreign.timestamp(),
                        foreign.actor(),
                        null,
                        null,
                        null,
                        foreign.action(),
                        foreign.outcome(),
                        List.of(),
                        null,
                        null,
                        Map.of(),
                        foreign.previousHash(),
                        null)));
        assertFirstBad(tampered, head, 3, "rec-0-3", Problem.INSERTED);
    }

    @Test
    void aBrokenCheckpointSignatureIsNamed() {
        List<CheckpointView> tampered = new ArrayList<>(checkpoints);
        CheckpointView first = checkpoints.get(0);
        String signature = first.signature();
        char last = signature.charAt(signature.length() - 2);
        tampered.set(
                0,
                withSignature(
                        first,
                        signature.substring(0, signature.length() - 2)
                                + (last == 'A' ? 'B' : 'A')
                                + signature.charAt(signature.length() - 1)));
        FirstBad bad = firstBad(records, tampered, head);
        assertThat(bad.problem()).isEqualTo(Problem.BAD_SIGNATURE);
        assertThat(bad.sequence()).isEqualTo(4);
        assertThat(bad.recordId()).isEqualTo("rec-0-4");
    }

    @Test
    void aCheckpointSignedByAnUntrustedKeyIsRefused() {
        List<CheckpointView> foreign = Chains.checkpoints(records, Chains.OTHER_KEY, 4, 8);
        FirstBad bad = firstBad(records, foreign, Chains.head(records, foreign));
        assertThat(bad.problem()).isEqualTo(Problem.BAD_SIGNATURE);
        assertThat(bad.detail()).contains("unknown key");
    }

    @Test
    void aCheckpointWhoseFieldsWereChangedIsRefused() {
        List<CheckpointView> tampered = new ArrayList<>(checkpoints);
        CheckpointView c = checkpoints.get(1);
        tampered.set(
                1,
                new CheckpointView(
                        c.tenant(),
                        c.chain(),
                        c.number(),
                        9,
                        records.get(8).hash(),
                        c.sealedAt(),
                        c.previousCheckpointHash(),
                        c.keyId(),
                        c.hash(),
                        c.signature()));
        FirstBad bad = firstBad(records, tampered, head);
        assertThat(bad.problem()).isEqualTo(Problem.BAD_SIGNATURE);
        assertThat(bad.detail()).contains("differ from what was signed");
    }

    @Test
    void anUnsignedCheckpointOrANoneAlgorithmIsRefused() {
        List<CheckpointView> tampered = new ArrayList<>(checkpoints);
        tampered.set(0, withSignature(checkpoints.get(0), null));
        assertThat(firstBad(records, tampered, head).problem()).isEqualTo(Problem.BAD_SIGNATURE);
        String[] parts = checkpoints.get(0).signature().split("\\.");
        String none = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes())
                + "." + parts[1] + ".";
        tampered.set(0, withSignature(checkpoints.get(0), none));
        assertThat(firstBad(records, tampered, head).problem()).isEqualTo(Problem.BAD_SIGNATURE);
    }

    @Test
    void aDeletedCheckpointIsMissing() {
        FirstBad bad = firstBad(records, checkpoints.subList(1, 2), head);
        assertThat(bad.problem()).isEqualTo(Problem.MISSING);
        assertThat(bad.detail()).contains("checkpoint 1 is missing");
        FirstBad newestDeleted = firstBad(records, checkpoints.subList(0, 1), head);
        assertThat(newestDeleted.problem()).isEqualTo(Problem.MISSING);
    }

    @Test
    void aChainRewrittenFromTheMiddleIsCaughtByTheNextCheckpoint() {
        List<RecordView> rewritten = new ArrayList<>(records.subList(0, 4));
        String previous = records.get(3).hash();
        for (RecordView original : records.subList(4, 10)) {
            RecordView changed = Chains.hashed(Chains.withPrevious(Chains.withOutcome(original, "ALLOW"), previous));
            rewritten.add(changed);
            previous = changed.hash();
        }
        ChainHead adjusted =
                new ChainHead(0, 10, previous, 2, checkpoints.get(1).hash());
        assertFirstBad(rewritten, adjusted, 5, "rec-0-5", Problem.EDITED);
    }

    @Test
    void theFirstBadRecordIsThatOfTheLowestBrokenChain() {
        List<RecordView> chain1 = Chains.records(1, 5);
        List<RecordView> chain2 = new ArrayList<>(Chains.records(2, 5));
        List<RecordView> chain3 = new ArrayList<>(Chains.records(3, 5));
        chain2.set(2, Chains.withOutcome(chain2.get(2), "ALLOW"));
        chain3.remove(0);
        Verification verification = AuditVerifier.summarise(List.of(
                verifier.verifyChain(3, chain3, List.of(), null),
                verifier.verifyChain(1, chain1, List.of(), null),
                verifier.verifyChain(2, chain2, List.of(), null)));
        assertThat(verification.valid()).isFalse();
        assertThat(verification.chains()).isEqualTo(3);
        assertThat(verification.recordsChecked()).isEqualTo(14);
        assertThat(verification.firstBad()).isEqualTo(verification.problems().get(0));
        assertThat(verification.firstBad().chain()).isEqualTo(2);
        assertThat(verification.firstBad().sequence()).isEqualTo(3);
        assertThat(verification.problems()).extracting(FirstBad::chain).containsExactly(2, 3);
        assertThat(verification.problems().get(1).problem()).isEqualTo(Problem.MISSING);
    }

    @Test
    void withOnlyOneCheckpointAtTheEndTheWalkStillNamesTheRecord() {
        List<CheckpointView> sealedAtEnd = Chains.checkpoints(records, Chains.KEY, 10);
        ChainHead sealedHead = Chains.head(records, sealedAtEnd);
        List<RecordView> edited = new ArrayList<>(records);
        edited.set(4, Chains.withOutcome(records.get(4), "ALLOW"));
        List<RecordView> deleted = new ArrayList<>(records);
        deleted.remove(4);
        List<RecordView> swapped = new ArrayList<>(records);
        swapped.set(4, records.get(5).atSequence(5));
        swapped.set(5, records.get(4).atSequence(6));
        Map<List<RecordView>, FirstBad> expected = Map.of(
                edited,
                new FirstBad(0, 5, "rec-0-5", Problem.EDITED, null),
                deleted,
                new FirstBad(0, 5, null, Problem.MISSING, null),
                swapped,
                new FirstBad(0, 5, "rec-0-6", Problem.REORDERED, null),
                shiftedWithForgedAt5(true),
                new FirstBad(0, 5, "forged", Problem.INSERTED, null),
                shiftedWithForgedAt5(false),
                new FirstBad(0, 5, "forged", Problem.INSERTED, null));
        expected.forEach((chain, wanted) -> {
            FirstBad bad = firstBad(chain, sealedAtEnd, sealedHead);
            assertThat(new FirstBad(bad.chain(), bad.sequence(), bad.recordId(), bad.problem(), null))
                    .as(bad.detail())
                    .isEqualTo(wanted);
        });
    }

    private List<RecordView> shiftedWithForgedAt5(boolean correctHash) {
        List<RecordView> tampered = new ArrayList<>(records.subList(0, 4));
        tampered.add(forged(5, records.get(3).hash(), correctHash));
        for (RecordView later : records.subList(4, 10)) {
            tampered.add(later.atSequence(later.sequence() + 1));
        }
        return tampered;
    }

    private static RecordView forged(long sequence, String previous, boolean correctHash) {
        RecordView forged = new RecordView(
                "forged",
                Chains.TENANT,
                0,
                sequence,
                "2026-11-21T10:00:30.000000Z",
                "attacker",
                "agent-0",
                null,
                null,
                "envelope.decided",
                "ALLOW",
                List.of(),
                "wire the money",
                null,
                Map.of(),
                previous,
                "e".repeat(64));
        return correctHash ? Chains.hashed(forged) : forged;
    }

    private static CheckpointView withSignature(CheckpointView c, String signature) {
        return new CheckpointView(
                c.tenant(),
                c.chain(),
                c.number(),
                c.recordSequence(),
                c.headHash(),
                c.sealedAt(),
                c.previousCheckpointHash(),
                c.keyId(),
                c.hash(),
                signature);
    }

    private FirstBad firstBad(List<RecordView> chain, List<CheckpointView> sealed, ChainHead chainHead) {
        FirstBad bad = verifier.verifyChain(0, chain, sealed, chainHead).firstBad();
        assertThat(bad).as("tampering must be found").isNotNull();
        // streamed (as the server reads the database) the same record is named
        assertThat(verifier.verifyChain(0, chain::forEach, sealed, chainHead, null)
                        .firstBad())
                .isEqualTo(bad);
        return bad;
    }

    private FirstBad assertFirstBad(
            List<RecordView> chain, ChainHead chainHead, long sequence, String recordId, Problem problem) {
        FirstBad bad = firstBad(chain, checkpoints, chainHead);
        assertThat(bad.problem()).as(bad.detail()).isEqualTo(problem);
        assertThat(bad.sequence()).as(bad.detail()).isEqualTo(sequence);
        assertThat(bad.recordId()).as(bad.detail()).isEqualTo(recordId);
        assertThat(bad.chain()).isZero();
        return bad;
    }
}

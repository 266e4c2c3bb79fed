package dev.mandate.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mandate.audit.entity.ChainHead;
import dev.mandate.audit.entity.CheckpointView;
import dev.mandate.audit.entity.RecordView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Someone who can write the database removes every trace of the chain's newest records: the records,
 * the checkpoint that sealed them, and the head row moved back consistently. Only the witness outside
 * the database still knows; the verifier trusts its latest checkpoint and names the first lost record.
 */
class WitnessVerificationTest {

    @TempDir
    Path dir;

    private final List<RecordView> records = Chains.records(0, 10);
    private final List<CheckpointView> checkpoints = Chains.checkpoints(records, Chains.KEY, 4, 8);
    private final AuditVerifier verifier = new AuditVerifier(Chains.TENANT, Chains.trusted());

    /** Records 1..4 and checkpoint 1 left, the head row rewound to record 4 and checkpoint 1. */
    private final List<RecordView> cut = records.subList(0, 4);

    private final List<CheckpointView> firstCheckpointOnly = checkpoints.subList(0, 1);
    private final ChainHead rewound = Chains.head(cut, firstCheckpointOnly);

    @Test
    void aTailCutWithItsCheckpointAndTheHeadRewoundLooksValidWithoutAWitness() {
        assertThat(verifier.verifyChain(0, cut, firstCheckpointOnly, rewound).firstBad())
                .isNull();
    }

    @Test
    void theWitnessedCheckpointNamesTheFirstLostRecord() {
        FirstBad bad = verifier.verifyChain(0, cut, firstCheckpointOnly, rewound, checkpoints.get(1))
                .firstBad();
        assertThat(bad.problem()).isEqualTo(Problem.TRUNCATED);
        assertThat(bad.sequence()).isEqualTo(5);
        assertThat(bad.recordId()).isNull();
        assertThat(bad.detail()).contains("witnessed", "seals 8 records");
        assertThat(verifier.verifyChain(0, cut::forEach, firstCheckpointOnly, rewound, checkpoints.get(1))
                        .firstBad())
                .isEqualTo(bad);
    }

    @Test
    void aWitnessedCheckpointDeletedWhileItsRecordsStayIsMissing() {
        FirstBad bad = verifier.verifyChain(
                        0, records, firstCheckpointOnly, Chains.head(records, firstCheckpointOnly), checkpoints.get(1))
                .firstBad();
        assertThat(bad.problem()).isEqualTo(Problem.MISSING);
        assertThat(bad.sequence()).isEqualTo(8);
        assertThat(bad.recordId()).isEqualTo("rec-0-8");
    }

    @Test
    void aWholeChainDeletedIsMissing() {
        FirstBad bad = verifier.verifyChain(0, List.of(), List.of(), null, checkpoints.get(1))
                .firstBad();
        assertThat(bad.problem()).isEqualTo(Problem.MISSING);
        assertThat(bad.sequence()).isEqualTo(1);
        assertThat(bad.detail()).contains("the chain is missing");
        assertThat(verifier.verifyChain(0, List.<RecordView>of()::forEach, List.of(), null, checkpoints.get(1))
                        .firstBad())
                .isEqualTo(bad);
    }

    @Test
    void aWitnessedCheckpointThatDoesNotVerifyIsABadSignature() {
        CheckpointView forged =
                Chains.checkpoints(records, Chains.OTHER_KEY, 4, 8).get(1);
        FirstBad bad = verifier.verifyChain(0, records, checkpoints, Chains.head(records, checkpoints), forged)
                .firstBad();
        assertThat(bad.problem()).isEqualTo(Problem.BAD_SIGNATURE);
        assertThat(bad.detail()).contains("witnessed");
    }

    @Test
    void anIntactChainIsValidAgainstItsWitnessAndReadOnce() {
        AtomicInteger passes = new AtomicInteger();
        AuditVerifier.RecordSource source = each -> {
            passes.incrementAndGet();
            records.forEach(each);
        };
        AuditVerifier.ChainResult result =
                verifier.verifyChain(0, source, checkpoints, Chains.head(records, checkpoints), checkpoints.get(1));
        assertThat(result.firstBad()).isNull();
        assertThat(result.records()).isEqualTo(10);
        assertThat(passes).hasValue(1);
    }

    @Test
    void theWitnessDirectoryKeepsEveryCheckpointOnceAndAnswersTheLatest() throws IOException {
        for (CheckpointView checkpoint : checkpoints) {
            WitnessDirectory.write(dir, checkpoint);
        }
        WitnessDirectory.write(dir, checkpoints.get(0)); // the same again: nothing changes
        assertThat(dir.resolve("acme/0/000000000002.json")).exists();
        assertThat(WitnessDirectory.latest(dir, Chains.TENANT)).isEqualTo(Map.of(0, checkpoints.get(1)));
        assertThat(WitnessDirectory.latest(dir, "other")).isEmpty();

        CheckpointView other = Chains.checkpoints(records, Chains.KEY, 5, 8).get(0);
        assertThatThrownBy(() -> WitnessDirectory.write(dir, other))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("another checkpoint 1");
        assertThat(WitnessDirectory.latest(dir, Chains.TENANT)).isEqualTo(Map.of(0, checkpoints.get(1)));
    }

    @Test
    void anUnreadableWitnessFileIsNotTrusted() throws IOException {
        Files.createDirectories(dir.resolve("acme/0"));
        Files.writeString(dir.resolve("acme/0/000000000009.json"), "{garbage");
        CheckpointView unreadable = WitnessDirectory.latest(dir, Chains.TENANT).get(0);
        FirstBad bad = verifier.verifyChain(0, records, checkpoints, Chains.head(records, checkpoints), unreadable)
                .firstBad();
        assertThat(bad.problem()).isEqualTo(Problem.BAD_SIGNATURE);
    }

    @Test
    void tenantFoldersCannotLeaveTheWitnessDirectory() {
        assertThat(WitnessDirectory.tenantFolder("acme-1")).isEqualTo("acme-1");
        assertThat(WitnessDirectory.tenantFolder("../x")).doesNotContain("/", "..");
    }

    static List<RecordView> copy(List<RecordView> records) {
        return new ArrayList<>(records);
    }
}

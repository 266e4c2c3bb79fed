package dev.mandate.jobs.auditverification.entity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.audit.verify.AuditVerifier;
import dev.mandate.audit.verify.FirstBad;
import dev.mandate.audit.verify.Problem;
import dev.mandate.jobs.auditverification.control.ChainVerifications;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerificationSummaryTest {

    private static ChainVerified valid(int chain, long records, long checkpoints) {
        return ChainVerifications.of(new AuditVerifier.ChainResult(chain, records, checkpoints, null));
    }

    private static ChainVerified broken(int chain, long sequence, Problem problem) {
        return ChainVerifications.of(new AuditVerifier.ChainResult(
                chain,
                10,
                1,
                new FirstBad(chain, sequence, "rec-" + sequence, problem, "record " + sequence + " bad")));
    }

    @Test
    void anAuditOfValidChainsIsValidWithItsCountsSummed() {
        VerificationSummary summary = new VerificationSummary(List.of(valid(2, 5, 1), valid(0, 7, 2), valid(1, 0, 0)));

        assertThat(summary.valid()).isTrue();
        assertThat(summary.exitStatus()).isEqualTo("VALID");
        assertThat(summary.figures())
                .containsExactly(
                        Map.entry("valid", true),
                        Map.entry("chains", 3L),
                        Map.entry("brokenChains", 0L),
                        Map.entry("recordsChecked", 12L),
                        Map.entry("checkpointsChecked", 3L));
    }

    @Test
    void theFirstBadRecordIsTheLowestBrokenChainsWhateverOrderTheChainsCameIn() {
        VerificationSummary summary = new VerificationSummary(
                List.of(broken(5, 3, Problem.MISSING), valid(0, 4, 0), broken(2, 17, Problem.EDITED)));

        assertThat(summary.valid()).isFalse();
        assertThat(summary.exitStatus()).isEqualTo("INVALID: chain 2 sequence 17 EDITED (2 broken chain(s) of 3)");
        assertThat(summary.figures())
                .containsEntry("valid", false)
                .containsEntry("brokenChains", 2L)
                .containsEntry("recordsChecked", 24L)
                .containsEntry("firstBadChain", 2L)
                .containsEntry("firstBadSequence", 17L)
                .containsEntry("firstBadRecordId", "rec-17")
                .containsEntry("firstBadProblem", "EDITED")
                .containsEntry("firstBadDetail", "record 17 bad");
    }

    @Test
    void aTenantWithoutAuditIsValidAndAFirstBadWithoutIdLeavesItOut() {
        assertThat(new VerificationSummary(List.of()).exitStatus()).isEqualTo("VALID");

        ChainVerified truncated = ChainVerifications.of(
                new AuditVerifier.ChainResult(1, 3, 0, new FirstBad(1, 4, null, Problem.TRUNCATED, "x".repeat(5000))));
        assertThat(truncated.firstBadDetail()).hasSize(1000);
        assertThat(new VerificationSummary(List.of(truncated)).figures())
                .doesNotContainKey("firstBadRecordId")
                .containsEntry("firstBadProblem", "TRUNCATED");
    }
}

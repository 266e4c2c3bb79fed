package dev.mandate.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.audit.entity.ChainHead;
import dev.mandate.audit.entity.CheckpointView;
import dev.mandate.audit.entity.RecordView;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline command against an export file, genuine and tampered with line by line. */
class OfflineAuditVerifierTest {

    @TempDir
    Path dir;

    private final List<RecordView> chain0 = Chains.records(0, 6);
    private final List<RecordView> chain5 = Chains.records(5, 3);
    private final List<CheckpointView> sealed0 = Chains.checkpoints(chain0, Chains.KEY, 3, 6);
    private final List<CheckpointView> sealed5 = Chains.checkpoints(chain5, Chains.KEY, 3);

    private List<String> export() {
        List<String> lines = new ArrayList<>();
        lines.add(ExportFormat.header(Chains.TENANT, "2026-11-21T12:00:00.000000Z"));
        lines.add(ExportFormat.key(Chains.KEY));
        lines.add(ExportFormat.head(Chains.head(chain0, sealed0)));
        lines.add(ExportFormat.head(Chains.head(chain5, sealed5)));
        sealed0.forEach(c -> lines.add(ExportFormat.checkpoint(c)));
        sealed5.forEach(c -> lines.add(ExportFormat.checkpoint(c)));
        chain0.forEach(r -> lines.add(ExportFormat.record(r)));
        chain5.forEach(r -> lines.add(ExportFormat.record(r)));
        lines.add(ExportFormat.end(9, 3));
        return lines;
    }

    /** Index of the line of record {@code sequence} of chain 0. */
    private static int line(int sequence) {
        return 2 + 2 + 3 + sequence - 1;
    }

    @Test
    void aGenuineExportIsValidAndNeverContainsThePrivateKey() throws Exception {
        List<String> lines = export();
        Run run = run(lines);
        assertThat(run.status).isEqualTo(OfflineAuditVerifier.VALID);
        assertThat(run.out).contains("VALID", "9 records in 2 chains, 3 checkpoints");
        String all = String.join("\n", lines);
        assertThat(all).doesNotContain("\"d\":", "\"p\":", "\"q\":", "PRIVATE KEY");
    }

    @Test
    void theExportSurvivesTheJsonRoundTrip() throws Exception {
        ExportFormat.Parsed parsed =
                ExportFormat.read(new java.io.BufferedReader(new java.io.StringReader(String.join("\n", export()))));
        assertThat(parsed.records().get(0)).isEqualTo(chain0);
        assertThat(parsed.checkpoints().get(0)).isEqualTo(sealed0);
        assertThat(parsed.keys()).hasSize(1);
        assertThat(parsed.ended()).isTrue();
    }

    @Test
    void anEditedFieldIsNamed() throws Exception {
        List<String> lines = export();
        lines.set(line(2), lines.get(line(2)).replace("\"outcome\":\"OK\"", "\"outcome\":\"ALLOW\""));
        assertTampered(lines, "chain 0, sequence 2, record rec-0-2: EDITED");
    }

    @Test
    void aDeletedRecordIsNamed() throws Exception {
        List<String> lines = export();
        lines.remove(line(4));
        assertTampered(lines, "chain 0, sequence 4, record -: MISSING");
    }

    @Test
    void twoSwappedRecordsAreNamed() throws Exception {
        List<String> lines = export();
        Collections.swap(lines, line(2), line(3));
        assertTampered(lines, "chain 0, sequence 3, record rec-0-3: REORDERED");
    }

    @Test
    void aTruncatedFileIsNamed() throws Exception {
        List<String> lines = export();
        List<String> cut = new ArrayList<>(lines.subList(0, line(5)));
        assertTampered(cut, "chain 0, sequence 5, record -: TRUNCATED");
        List<String> onlyEndMissing = new ArrayList<>(lines.subList(0, lines.size() - 1));
        assertTampered(onlyEndMissing, "chain -1, sequence 0, record -: TRUNCATED");
    }

    @Test
    void aTruncatedTailIsNamedEvenWhenTheHeadsAndEndWereAdjusted() throws Exception {
        List<String> lines = export();
        lines.remove(line(6));
        lines.remove(line(5));
        lines.set(
                2,
                ExportFormat.head(new ChainHead(
                        0, 4, chain0.get(3).hash(), 2, sealed0.get(1).hash())));
        lines.set(lines.size() - 1, ExportFormat.end(7, 3));
        assertTampered(lines, "chain 0, sequence 5, record -: TRUNCATED");
    }

    @Test
    void anInsertedForgedRecordIsNamed() throws Exception {
        List<String> lines = export();
        RecordView forged = Chains.hashed(new RecordView(
                "forged",
                Chains.TENANT,
                5,
                4,
                "2026-11-21T10:00:59.000000Z",
                "attacker",
                null,
                null,
                null,
                "envelope.decided",
                "ALLOW",
                List.of(),
                null,
                null,
                java.util.Map.of(),
                chain5.get(2).hash(),
                null));
        lines.add(lines.size() - 1, ExportFormat.record(forged));
        lines.set(lines.size() - 1, ExportFormat.end(10, 3));
        assertTampered(lines, "chain 5, sequence 4, record forged: INSERTED");
    }

    @Test
    void aBadCheckpointSignatureIsNamed() throws Exception {
        List<String> lines = export();
        String checkpoint = lines.get(4);
        String signature = sealed0.get(0).signature();
        String[] parts = signature.split("\\.");
        byte[] raw = Base64.getUrlDecoder().decode(parts[2]);
        raw[10] ^= 1;
        String forgedSignature = parts[0] + "." + parts[1] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        lines.set(4, checkpoint.replace(signature, forgedSignature));
        assertTampered(lines, "chain 0, sequence 3, record rec-0-3: BAD_SIGNATURE");
    }

    @Test
    void aPinnedKeyRefusesAnExportResignedWithAnotherKey() throws Exception {
        List<String> lines = export();
        Path pinned = dir.resolve("other.pem");
        Files.writeString(
                pinned,
                "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder()
                                .encodeToString(
                                        Chains.OTHER_KEY.toRSAPublicKey().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
        Run run = run(lines, "--key", pinned.toString());
        assertThat(run.status).isEqualTo(OfflineAuditVerifier.TAMPERED);
        assertThat(run.out).contains("BAD_SIGNATURE", "unknown key");

        Path right = dir.resolve("right.json");
        Files.writeString(right, Chains.KEY.toPublicJWK().toJSONString());
        assertThat(run(lines, "--key", right.toString()).status).isEqualTo(OfflineAuditVerifier.VALID);
    }

    @Test
    void aPinnedKeyRefusesAnExportWithoutCheckpoints() throws Exception {
        List<String> lines = export();
        lines.removeIf(line -> line.startsWith("{\"type\":\"checkpoint\""));
        lines.set(2, ExportFormat.head(Chains.head(chain0, List.of())));
        lines.set(3, ExportFormat.head(Chains.head(chain5, List.of())));
        lines.set(lines.size() - 1, ExportFormat.end(9, 0));
        assertThat(run(lines).status).as("consistent in itself").isEqualTo(OfflineAuditVerifier.VALID);

        Path pinned = dir.resolve("key.json");
        Files.writeString(pinned, Chains.KEY.toPublicJWK().toJSONString());
        Run run = run(lines, "--key", pinned.toString());
        assertThat(run.status).as(run.out).isEqualTo(OfflineAuditVerifier.TAMPERED);
        assertThat(run.out).contains("chain 0, sequence 1, record rec-0-1: MISSING", "no signed checkpoint");
    }

    @Test
    void theWitnessNamesWhatTheExportLacks() throws Exception {
        Path witness = dir.resolve("witness");
        sealed0.forEach(c -> write(witness, c));
        sealed5.forEach(c -> write(witness, c));
        assertThat(run(export(), "--witness", witness.toString()).status).isEqualTo(OfflineAuditVerifier.VALID);
        assertThat(run(export(), "--witness", witness.resolve(Chains.TENANT).toString()).status)
                .isEqualTo(OfflineAuditVerifier.VALID);

        // chain 0 cut back to record 3 with its second checkpoint, head and end line adjusted to match
        List<String> cut = export();
        cut.remove(line(6));
        cut.remove(line(5));
        cut.remove(line(4));
        cut.remove(5);
        cut.set(2, ExportFormat.head(Chains.head(chain0.subList(0, 3), sealed0.subList(0, 1))));
        cut.set(cut.size() - 1, ExportFormat.end(6, 2));
        assertThat(run(cut).status).as("without the witness").isEqualTo(OfflineAuditVerifier.VALID);
        Run run = run(cut, "--witness", witness.toString());
        assertThat(run.status).as(run.out).isEqualTo(OfflineAuditVerifier.TAMPERED);
        assertThat(run.out).contains("chain 0, sequence 4, record -: TRUNCATED");

        // chain 5 left out of the export entirely
        List<String> withoutChain5 = export();
        withoutChain5.removeIf(line -> line.contains("\"chain\":5"));
        withoutChain5.set(withoutChain5.size() - 1, ExportFormat.end(6, 2));
        run = run(withoutChain5, "--witness", witness.toString());
        assertThat(run.out).contains("chain 5, sequence 1, record -: MISSING");
    }

    private static void write(Path witness, CheckpointView checkpoint) {
        try {
            WitnessDirectory.write(witness, checkpoint);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void unreadableInputIsExitCode2() throws Exception {
        assertThat(run(List.of("not json")).status).isEqualTo(OfflineAuditVerifier.UNREADABLE);
        assertThat(run(List.of("{\"type\":\"record\"}")).status).isEqualTo(OfflineAuditVerifier.UNREADABLE);
        assertThat(OfflineAuditVerifier.run(
                        new String[0],
                        new PrintStream(new ByteArrayOutputStream()),
                        new PrintStream(new ByteArrayOutputStream())))
                .isEqualTo(OfflineAuditVerifier.UNREADABLE);
        List<String> withPrivateKey = export();
        withPrivateKey.set(
                1,
                withPrivateKey
                        .get(1)
                        .replace("{\"type\":\"key\",\"jwk\":", "{\"type\":\"key\",\"jwk\":")
                        .replace(Chains.KEY.toPublicJWK().toJSONString(), Chains.KEY.toJSONString()));
        assertThat(run(withPrivateKey).status).isEqualTo(OfflineAuditVerifier.UNREADABLE);
    }

    private void assertTampered(List<String> lines, String expected) throws Exception {
        Run run = run(lines);
        assertThat(run.status).as(run.out).isEqualTo(OfflineAuditVerifier.TAMPERED);
        assertThat(run.out).contains("TAMPERED: first bad record: " + expected);
    }

    private record Run(int status, String out) {}

    private Run run(List<String> lines, String... options) throws Exception {
        Path file = dir.resolve("export-" + System.nanoTime() + ".jsonl");
        Files.write(file, lines, StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of(file.toString()));
        args.addAll(List.of(options));
        int status = OfflineAuditVerifier.run(
                args.toArray(String[]::new),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
    }
}

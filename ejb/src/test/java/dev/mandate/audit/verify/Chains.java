package dev.mandate.audit.verify;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.mandate.audit.entity.CanonicalForm;
import dev.mandate.audit.entity.ChainHead;
import dev.mandate.audit.entity.CheckpointView;
import dev.mandate.audit.entity.RecordView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Builds genuine chains and checkpoints in memory, the way the server does, for tests to tamper with. */
final class Chains {

    static final String TENANT = "acme";
    static final RSAKey KEY = generate();
    static final RSAKey OTHER_KEY = generate();

    private Chains() {}

    static RSAKey generate() {
        try {
            RSAKey raw = new RSAKeyGenerator(2048).generate();
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + java.util.Base64.getMimeEncoder()
                            .encodeToString(raw.toPrivateKey().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            return CheckpointSignatures.fromPkcs8Pem(pem);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code count} genuine records of one chain. */
    static List<RecordView> records(int chain, int count) {
        List<RecordView> records = new ArrayList<>();
        String previous = CanonicalForm.GENESIS;
        for (int i = 1; i <= count; i++) {
            RecordView record = hashed(new RecordView(
                    "rec-" + chain + "-" + i,
                    TENANT,
                    chain,
                    i,
                    String.format("2026-11-21T10:00:%02d.%06dZ", i % 60, i),
                    "admin@acme.example",
                    "agent-" + chain,
                    i % 2 == 0 ? "task-" + i : null,
                    "trace-" + i,
                    i % 3 == 0 ? "envelope.decided" : "agent.updated",
                    i % 3 == 0 ? "DENY" : "OK",
                    i % 3 == 0 ? List.of("rule-" + i, "rule-x") : List.of(),
                    "summary " + i,
                    i % 3 == 0 ? "v" + i : null,
                    Map.of("after", "name=bot-" + i, "before", "name=bot-" + (i - 1)),
                    previous,
                    null));
            records.add(record);
            previous = record.hash();
        }
        return records;
    }

    /** The record with a correct hash for its (possibly changed) content. */
    static RecordView hashed(RecordView record) {
        return with(record, r -> r, CanonicalForm.recordHash(record));
    }

    static RecordView with(RecordView r, UnaryOperator<RecordView> change, String hash) {
        RecordView changed = change.apply(r);
        return new RecordView(
                changed.id(),
                changed.tenant(),
                changed.chain(),
                changed.sequence(),
                changed.timestamp(),
                changed.actor(),
                changed.agentId(),
                changed.taskId(),
                changed.traceId(),
                changed.action(),
                changed.outcome(),
                changed.ruleIds(),
                changed.inputSummary(),
                changed.policyVersion(),
                changed.details(),
                changed.previousHash(),
                hash,
                changed.inputSummarySalt(),
                changed.inputSummaryDigest());
    }

    static RecordView withOutcome(RecordView r, String outcome) {
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
                outcome,
                r.ruleIds(),
                r.inputSummary(),
                r.policyVersion(),
                r.details(),
                r.previousHash(),
                r.hash());
    }

    static RecordView withPrevious(RecordView r, String previous) {
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
                r.inputSummary(),
                r.policyVersion(),
                r.details(),
                previous,
                r.hash());
    }

    /** Signed checkpoints sealing the chain after each of the given record counts. */
    static List<CheckpointView> checkpoints(List<RecordView> records, RSAKey key, int... sealedAfter) {
        List<CheckpointView> checkpoints = new ArrayList<>();
        String previous = CanonicalForm.GENESIS;
        for (int i = 0; i < sealedAfter.length; i++) {
            RecordView head = records.get(sealedAfter[i] - 1);
            CheckpointView signed = CheckpointSignatures.sign(
                    new CheckpointView(
                            head.tenant(),
                            head.chain(),
                            i + 1,
                            head.sequence(),
                            head.hash(),
                            "2026-11-21T11:00:0" + i + ".000000Z",
                            previous,
                            null,
                            null,
                            null),
                    key);
            checkpoints.add(signed);
            previous = signed.hash();
        }
        return checkpoints;
    }

    static ChainHead head(List<RecordView> records, List<CheckpointView> checkpoints) {
        RecordView last = records.get(records.size() - 1);
        return new ChainHead(
                last.chain(),
                last.sequence(),
                last.hash(),
                checkpoints.size(),
                checkpoints.isEmpty()
                        ? CanonicalForm.GENESIS
                        : checkpoints.get(checkpoints.size() - 1).hash());
    }

    static Map<String, RSAKey> trusted() {
        return Map.of(KEY.getKeyID(), KEY.toPublicJWK());
    }
}

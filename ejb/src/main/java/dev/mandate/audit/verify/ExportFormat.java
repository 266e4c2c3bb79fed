package dev.mandate.audit.verify;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.mandate.audit.entity.ChainHead;
import dev.mandate.audit.entity.CheckpointView;
import dev.mandate.audit.entity.RecordView;
import java.io.BufferedReader;
import java.io.IOException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The audit export, JSON Lines ({@code application/x-ndjson}), one object per line, {@code type} first:
 *
 * <ol>
 *   <li>{@code export}: format, tenant, time of export;
 *   <li>{@code key}: the public key (JWK) checkpoints are signed with;
 *   <li>{@code chain}: each chain's head at the time of export;
 *   <li>{@code checkpoint}: every signed checkpoint (with its JWS);
 *   <li>{@code record}: every record up to its chain's head, by chain and sequence, with its hashes (and, for a
 *       record that commits to its summary through a digest, {@code inputSummarySalt} and {@code inputSummaryDigest});
 *   <li>{@code end}: how many records and checkpoints the file holds, so a cut file is recognised.
 * </ol>
 */
public final class ExportFormat {

    public static final String FORMAT = "mandate-audit-export/1";
    public static final String MEDIA_TYPE = "application/x-ndjson";

    /** The chain number of findings about the export file itself rather than a chain. */
    public static final int FILE = -1;

    private ExportFormat() {}

    /** A parsed export. */
    public record Parsed(
            String tenant,
            List<RSAKey> keys,
            Map<Integer, ChainHead> heads,
            Map<Integer, List<CheckpointView>> checkpoints,
            Map<Integer, List<RecordView>> records,
            boolean ended,
            long declaredRecords,
            long declaredCheckpoints) {}

    public static String header(String tenant, String exportedAt) {
        Map<String, Object> line = line("export");
        line.put("format", FORMAT);
        line.put("tenant", tenant);
        line.put("exportedAt", exportedAt);
        return JSONObjectUtils.toJSONString(line);
    }

    public static String key(RSAKey key) {
        Map<String, Object> line = line("key");
        line.put("jwk", key.toPublicJWK().toJSONObject());
        return JSONObjectUtils.toJSONString(line);
    }

    public static String head(ChainHead head) {
        Map<String, Object> line = line("chain");
        line.put("chain", head.chain());
        line.put("headSequence", head.sequence());
        line.put("headHash", head.hash());
        line.put("checkpoints", head.checkpoints());
        line.put("checkpointHash", head.checkpointHash());
        return JSONObjectUtils.toJSONString(line);
    }

    public static String checkpoint(CheckpointView c) {
        Map<String, Object> line = line("checkpoint");
        line.put("tenant", c.tenant());
        line.put("chain", c.chain());
        line.put("number", c.number());
        line.put("recordSequence", c.recordSequence());
        line.put("headHash", c.headHash());
        line.put("sealedAt", c.sealedAt());
        line.put("previousCheckpointHash", c.previousCheckpointHash());
        line.put("keyId", c.keyId());
        line.put("hash", c.hash());
        line.put("signature", c.signature());
        return JSONObjectUtils.toJSONString(line);
    }

    public static String record(RecordView r) {
        Map<String, Object> line = line("record");
        line.put("id", r.id());
        line.put("tenant", r.tenant());
        line.put("chain", r.chain());
        line.put("sequence", r.sequence());
        line.put("timestamp", r.timestamp());
        line.put("actor", r.actor());
        line.put("agentId", r.agentId());
        line.put("taskId", r.taskId());
        line.put("traceId", r.traceId());
        line.put("action", r.action());
        line.put("outcome", r.outcome());
        line.put("ruleIds", r.ruleIds());
        line.put("inputSummary", r.inputSummary());
        line.put("policyVersion", r.policyVersion());
        line.put("details", new TreeMap<>(r.details()));
        line.put("previousHash", r.previousHash());
        line.put("hash", r.hash());
        if (r.inputSummarySalt() != null) {
            line.put("inputSummarySalt", r.inputSummarySalt());
        }
        if (r.inputSummaryDigest() != null) {
            line.put("inputSummaryDigest", r.inputSummaryDigest());
        }
        return JSONObjectUtils.toJSONString(line);
    }

    public static String end(long records, long checkpoints) {
        Map<String, Object> line = line("end");
        line.put("records", records);
        line.put("checkpoints", checkpoints);
        return JSONObjectUtils.toJSONString(line);
    }

    /** A checkpoint line (as {@link #checkpoint} writes it, also a witness file's content). */
    public static CheckpointView checkpoint(String text) throws ParseException {
        Map<String, Object> line = JSONObjectUtils.parse(text);
        if (!"checkpoint".equals(line.get("type"))) {
            throw new ParseException("not a checkpoint", 0);
        }
        return checkpointOf(line);
    }

    private static CheckpointView checkpointOf(Map<String, Object> line) {
        return new CheckpointView(
                string(line, "tenant"),
                (int) number(line, "chain"),
                number(line, "number"),
                number(line, "recordSequence"),
                string(line, "headHash"),
                string(line, "sealedAt"),
                string(line, "previousCheckpointHash"),
                string(line, "keyId"),
                string(line, "hash"),
                string(line, "signature"));
    }

    /** Reads an export; a line that is not valid JSON or of an unknown type is an error naming its number. */
    public static Parsed read(BufferedReader in) throws IOException {
        String tenant = null;
        List<RSAKey> keys = new ArrayList<>();
        Map<Integer, ChainHead> heads = new TreeMap<>();
        Map<Integer, List<CheckpointView>> checkpoints = new TreeMap<>();
        Map<Integer, List<RecordView>> records = new TreeMap<>();
        boolean ended = false;
        long declaredRecords = -1;
        long declaredCheckpoints = -1;
        String text;
        int number = 0;
        while ((text = in.readLine()) != null) {
            number++;
            if (text.isBlank()) {
                continue;
            }
            try {
                Map<String, Object> line = JSONObjectUtils.parse(text);
                if (ended) {
                    throw new IllegalArgumentException("content after the end line");
                }
                switch (string(line, "type")) {
                    case "export" -> {
                        if (!FORMAT.equals(string(line, "format"))) {
                            throw new IllegalArgumentException("unknown format " + string(line, "format"));
                        }
                        tenant = string(line, "tenant");
                    }
                    case "key" -> {
                        JWK jwk = JWK.parse(JSONObjectUtils.getJSONObject(line, "jwk"));
                        if (!(jwk instanceof RSAKey rsa) || jwk.isPrivate()) {
                            throw new IllegalArgumentException("the key must be a public RSA JWK");
                        }
                        keys.add(rsa);
                    }
                    case "chain" -> {
                        ChainHead head = new ChainHead(
                                (int) number(line, "chain"),
                                number(line, "headSequence"),
                                string(line, "headHash"),
                                number(line, "checkpoints"),
                                string(line, "checkpointHash"));
                        heads.put(head.chain(), head);
                    }
                    case "checkpoint" -> {
                        CheckpointView c = checkpointOf(line);
                        checkpoints
                                .computeIfAbsent(c.chain(), k -> new ArrayList<>())
                                .add(c);
                    }
                    case "record" -> {
                        RecordView r = new RecordView(
                                string(line, "id"),
                                string(line, "tenant"),
                                (int) number(line, "chain"),
                                number(line, "sequence"),
                                string(line, "timestamp"),
                                string(line, "actor"),
                                string(line, "agentId"),
                                string(line, "taskId"),
                                string(line, "traceId"),
                                string(line, "action"),
                                string(line, "outcome"),
                                strings(line.get("ruleIds")),
                                string(line, "inputSummary"),
                                string(line, "policyVersion"),
                                stringMap(line.get("details")),
                                string(line, "previousHash"),
                                string(line, "hash"),
                                string(line, "inputSummarySalt"),
                                string(line, "inputSummaryDigest"));
                        records.computeIfAbsent(r.chain(), k -> new ArrayList<>())
                                .add(r);
                    }
                    case "end" -> {
                        ended = true;
                        declaredRecords = number(line, "records");
                        declaredCheckpoints = number(line, "checkpoints");
                    }
                    default -> throw new IllegalArgumentException("unknown line type");
                }
            } catch (ParseException | RuntimeException e) {
                throw new IOException("line " + number + " is not a valid export line: " + e.getMessage(), e);
            }
        }
        if (tenant == null) {
            throw new IOException("not an audit export: no export line");
        }
        return new Parsed(tenant, keys, heads, checkpoints, records, ended, declaredRecords, declaredCheckpoints);
    }

    /**
     * Verifies a parsed export. With {@code pinned} keys (the operator's copy of the audit public key) only
     * those are trusted; without, the key in the export is (which proves consistency, not origin).
     */
    public static Verification verify(Parsed export, List<RSAKey> pinned) {
        return verify(export, pinned, Map.of());
    }

    /**
     * As {@link #verify(Parsed, List)}, and against the latest checkpoint of each chain as its witness
     * holds it ({@code witnessed}, by chain): a chain of the witness missing from the export, or an export
     * that lacks checkpoints the witness has or ends before them, is reported. With pinned keys an export
     * that holds records but no checkpoint at all proves nothing and is reported too.
     */
    public static Verification verify(Parsed export, List<RSAKey> pinned, Map<Integer, CheckpointView> witnessed) {
        Map<String, RSAKey> trusted = new LinkedHashMap<>();
        (pinned.isEmpty() ? export.keys() : pinned).forEach(key -> trusted.put(key.getKeyID(), key));
        AuditVerifier verifier = new AuditVerifier(export.tenant(), trusted);
        TreeSet<Integer> chains = new TreeSet<>(export.heads().keySet());
        chains.addAll(export.checkpoints().keySet());
        chains.addAll(export.records().keySet());
        chains.addAll(witnessed.keySet());
        List<AuditVerifier.ChainResult> results = new ArrayList<>();
        long records = 0;
        long checkpoints = 0;
        for (int chain : chains) {
            List<RecordView> chainRecords = export.records().getOrDefault(chain, List.of());
            List<CheckpointView> chainCheckpoints = export.checkpoints().getOrDefault(chain, List.of());
            records += chainRecords.size();
            checkpoints += chainCheckpoints.size();
            results.add(verifier.verifyChain(
                    chain, chainRecords, chainCheckpoints, export.heads().get(chain), witnessed.get(chain)));
        }
        Verification verification = AuditVerifier.summarise(results);
        if (verification.valid() && !pinned.isEmpty() && records > 0 && checkpoints == 0) {
            int chain = export.records().keySet().iterator().next();
            RecordView first = export.records().get(chain).get(0);
            return withProblem(
                    verification,
                    new FirstBad(
                            chain,
                            first.sequence(),
                            first.id(),
                            Problem.MISSING,
                            "the export holds " + records + " records but no signed checkpoint: the pinned key"
                                    + " proves none of them"));
        }
        if (verification.valid() && !export.ended()) {
            return fileProblem(verification, "the export ends early: its end line is missing");
        }
        if (verification.valid()
                && (export.declaredRecords() != records || export.declaredCheckpoints() != checkpoints)) {
            return fileProblem(
                    verification,
                    "the export declares " + export.declaredRecords() + " records and " + export.declaredCheckpoints()
                            + " checkpoints but holds " + records + " and " + checkpoints);
        }
        return verification;
    }

    private static Verification fileProblem(Verification verification, String detail) {
        return withProblem(verification, new FirstBad(FILE, 0, null, Problem.TRUNCATED, detail));
    }

    private static Verification withProblem(Verification verification, FirstBad bad) {
        return new Verification(
                false,
                verification.recordsChecked(),
                verification.chains(),
                verification.checkpointsChecked(),
                bad,
                List.of(bad));
    }

    private static Map<String, Object> line(String type) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", type);
        return line;
    }

    private static String string(Map<String, Object> line, String name) {
        Object value = line.get(name);
        if (value != null && !(value instanceof String)) {
            throw new IllegalArgumentException(name + " must be a string");
        }
        return (String) value;
    }

    private static long number(Map<String, Object> line, String name) {
        if (!(line.get(name) instanceof Number value)) {
            throw new IllegalArgumentException(name + " must be a number");
        }
        return value.longValue();
    }

    private static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("ruleIds must be an array");
        }
        return list.stream().map(item -> (String) item).toList();
    }

    private static Map<String, String> stringMap(Object value) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("details must be an object");
        }
        Map<String, String> result = new TreeMap<>();
        map.forEach((k, v) -> result.put((String) k, (String) v));
        return result;
    }
}

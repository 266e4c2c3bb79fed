package dev.mandate.audit.entity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The exact bytes audit hashes are computed over: a JSON object with a fixed member order, no
 * whitespace, minimal string escaping, UTF-8. Timestamps are ISO-8601 UTC with exactly six fractional
 * digits (microseconds: what PostgreSQL stores), so a value read back from the database hashes the same
 * as the one written. Version {@value #VERSION}; a change of this form needs a new version.
 */
public final class CanonicalForm {

    public static final int VERSION = 1;

    /** The previous hash of the first record of a chain, and of the first checkpoint. */
    public static final String GENESIS = "0".repeat(64);

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'");

    private CanonicalForm() {}

    /** The precision audit timestamps are stored and hashed with. */
    public static OffsetDateTime truncate(OffsetDateTime time) {
        return time.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    public static String timestamp(OffsetDateTime time) {
        return TIMESTAMP.format(truncate(time));
    }

    /** Every field of a record except its own hash, the previous hash included. */
    public static String record(RecordView r) {
        StringBuilder out = new StringBuilder(512).append('{');
        member(out, "v", VERSION);
        member(out, "type", "record");
        member(out, "id", r.id());
        member(out, "tenant", r.tenant());
        member(out, "chain", r.chain());
        member(out, "sequence", r.sequence());
        member(out, "timestamp", r.timestamp());
        member(out, "actor", r.actor());
        member(out, "agentId", r.agentId());
        member(out, "taskId", r.taskId());
        member(out, "traceId", r.traceId());
        member(out, "action", r.action());
        member(out, "outcome", r.outcome());
        out.append("\"ruleIds\":");
        array(out, r.ruleIds());
        out.append(',');
        String summaryDigest = summaryDigest(r);
        if (summaryDigest == null) {
            member(out, "inputSummary", r.inputSummary());
        } else {
            member(out, "inputSummaryDigest", summaryDigest);
        }
        member(out, "policyVersion", r.policyVersion());
        out.append("\"details\":");
        object(out, r.details());
        out.append(',');
        out.append("\"previousHash\":");
        string(out, r.previousHash());
        return out.append('}').toString();
    }

    /** What a checkpoint's signature covers: every field except its hash and the signature itself. */
    public static String checkpoint(CheckpointView c) {
        StringBuilder out = new StringBuilder(384).append('{');
        member(out, "v", VERSION);
        member(out, "type", "checkpoint");
        member(out, "tenant", c.tenant());
        member(out, "chain", c.chain());
        member(out, "number", c.number());
        member(out, "recordSequence", c.recordSequence());
        member(out, "headHash", c.headHash());
        member(out, "sealedAt", c.sealedAt());
        member(out, "previousCheckpointHash", c.previousCheckpointHash());
        out.append("\"keyId\":");
        string(out, c.keyId());
        return out.append('}').toString();
    }

    /**
     * What a record's hash covers of its summary, when it commits to it through a digest: computed from the
     * summary and its salt while both are there (so an edited summary no longer matches the hash), the stored
     * digest once retention deleted them. Null for a record that hashes its summary itself (written before
     * V22): a summary there without its salt is hashed as such, and no longer matches a digest's hash.
     */
    static String summaryDigest(RecordView r) {
        if (r.inputSummary() != null) {
            return r.inputSummarySalt() == null ? null : summaryDigest(r.inputSummarySalt(), r.inputSummary());
        }
        return r.inputSummaryDigest();
    }

    /** The digest a summary is committed to: SHA-256 of its random salt and the summary. */
    public static String summaryDigest(String salt, String summary) {
        return sha256(salt + summary);
    }

    public static String recordHash(RecordView record) {
        return sha256(record(record));
    }

    public static String checkpointHash(CheckpointView checkpoint) {
        return sha256(checkpoint(checkpoint));
    }

    /** The canonical JSON array of rule ids, as stored. */
    public static String ruleIds(List<String> ruleIds) {
        StringBuilder out = new StringBuilder();
        array(out, ruleIds);
        return out.toString();
    }

    /** The canonical JSON object of details (members sorted by key), as stored. */
    public static String details(Map<String, String> details) {
        StringBuilder out = new StringBuilder();
        object(out, details);
        return out.toString();
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void member(StringBuilder out, String name, Object value) {
        string(out, name);
        out.append(':');
        if (value == null) {
            out.append("null");
        } else if (value instanceof Number number) {
            out.append(number.longValue());
        } else {
            string(out, value.toString());
        }
        out.append(',');
    }

    private static void array(StringBuilder out, List<String> values) {
        out.append('[');
        if (values != null) {
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                string(out, values.get(i));
            }
        }
        out.append(']');
    }

    private static void object(StringBuilder out, Map<String, String> values) {
        out.append('{');
        if (values != null) {
            boolean first = true;
            for (Map.Entry<String, String> entry : new TreeMap<>(values).entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(out, entry.getKey());
                out.append(':');
                string(out, entry.getValue());
            }
        }
        out.append('}');
    }

    private static void string(StringBuilder out, String value) {
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}

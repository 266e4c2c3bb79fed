package dev.mandate.audit.verify;

import com.nimbusds.jose.jwk.RSAKey;
import dev.mandate.audit.entity.CanonicalForm;
import dev.mandate.audit.entity.ChainHead;
import dev.mandate.audit.entity.CheckpointView;
import dev.mandate.audit.entity.RecordView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Verifies a tenant's audit, chain by chain, and names the first bad record of each broken chain. The
 * one implementation behind {@code GET /api/v1/audit/verify} and {@link OfflineAuditVerifier}.
 *
 * <p>Three independent checks per chain, the earliest finding wins:
 *
 * <ol>
 *   <li>the <b>records</b> in their stored order: sequences 1, 2, 3... without gaps, each record's hash
 *       recomputed over its canonical form, each record chained to its predecessor's hash. A record whose
 *       hash matches with another sequence number is a genuine record in the wrong place (reordered, or
 *       pushed back by an insertion, or renumbered after a deletion);
 *   <li>the <b>signed checkpoints</b>: signature (RS256, trusted key), the checkpoint chain (numbers
 *       without gaps, each naming its predecessor's hash), and the sealed record's hash. A chain shorter
 *       than a checkpoint is truncated; a sealed record with another hash means the chain was rewritten;
 *   <li>the <b>chain head</b> (unsigned, from the database): catches a truncated or extended tail that
 *       no checkpoint covers yet;
 *   <li>the <b>witnessed checkpoint</b>: the chain's latest checkpoint as a witness outside the database
 *       holds it (see {@link WitnessDirectory}). Whoever can write the database can delete records,
 *       checkpoints and move the head row back consistently; they cannot take back what the witness
 *       received, so a chain cut back behind it, or gone, is found.
 * </ol>
 */
public final class AuditVerifier {

    /** How many other sequence numbers are tried to recognise a moved record. */
    private static final int MAX_POSITION_PROBES = 100_000;

    /** The checks of one chain. */
    public record ChainResult(int chain, long records, long checkpoints, FirstBad firstBad) {}

    private final String tenant;
    private final Map<String, RSAKey> trustedKeys;

    /** @param trustedKeys the public keys checkpoints may be signed with, by key id */
    public AuditVerifier(String tenant, Map<String, RSAKey> trustedKeys) {
        this.tenant = tenant;
        this.trustedKeys = Map.copyOf(trustedKeys);
    }

    /** A chain's records in stored order, read again on every call (a database cursor, or a list). */
    @FunctionalInterface
    public interface RecordSource {
        void forEach(Consumer<RecordView> each);
    }

    /**
     * @param records the chain's records in stored order (the database: by sequence; an export: file order)
     * @param checkpoints the chain's checkpoints in any order
     * @param head the chain's head row, or null when there is none to compare with
     */
    public ChainResult verifyChain(
            int chain, List<RecordView> records, List<CheckpointView> checkpoints, ChainHead head) {
        return verifyChain(chain, records, checkpoints, head, null);
    }

    /**
     * As {@link #verifyChain(int, List, List, ChainHead)}, and against the chain's latest checkpoint as
     * its witness holds it (outside the database; null when there is none): a chain cut back behind it,
     * a deleted witnessed checkpoint, a rewritten chain or a missing chain are found although every
     * other trace was removed as well.
     */
    public ChainResult verifyChain(
            int chain,
            List<RecordView> records,
            List<CheckpointView> checkpoints,
            ChainHead head,
            CheckpointView witnessed) {
        Map<Long, RecordView> bySequence = new HashMap<>();
        long last = 0;
        for (RecordView record : records) {
            bySequence.putIfAbsent(record.sequence(), record);
            last = Math.max(last, record.sequence());
        }
        List<CheckpointView> ordered = checkpoints.stream()
                .sorted(Comparator.comparingLong(CheckpointView::number))
                .toList();
        FirstBad walked = walk(chain, records);
        FirstBad first = Stream.of(
                        missingChain(chain, records, checkpoints, head, witnessed),
                        walked,
                        checkHead(chain, head, bySequence, last, ordered),
                        checkCheckpoints(chain, ordered, bySequence, last, walked),
                        checkWitness(chain, witnessed, ordered, bySequence, last, walked))
                .filter(found -> found != null)
                .min(Comparator.comparingLong(FirstBad::sequence))
                .orElse(null);
        return new ChainResult(chain, records.size(), checkpoints.size(), first);
    }

    /**
     * The same verification in constant memory: one pass over the records keeps only the previous hash
     * and the records that the head and the checkpoints name. An intact chain is done after that pass;
     * when anything is wrong, the chain is read once more, whole, to name its first bad record exactly as
     * {@link #verifyChain(int, List, List, ChainHead, CheckpointView)} does.
     */
    public ChainResult verifyChain(
            int chain,
            RecordSource records,
            List<CheckpointView> checkpoints,
            ChainHead head,
            CheckpointView witnessed) {
        Set<Long> named = new HashSet<>();
        checkpoints.forEach(checkpoint -> named.add(checkpoint.recordSequence()));
        if (head != null) {
            named.add(head.sequence());
        }
        if (witnessed != null) {
            named.add(witnessed.recordSequence());
        }
        Map<Long, RecordView> kept = new HashMap<>();
        long[] counts = new long[2]; // records seen, and the next expected sequence (0 once something is wrong)
        String[] previous = {CanonicalForm.GENESIS};
        counts[1] = 1;
        records.forEach(record -> {
            counts[0]++;
            if (counts[1] == 0) {
                return;
            }
            boolean intact = tenant.equals(record.tenant())
                    && record.chain() == chain
                    && record.sequence() == counts[1]
                    && record.previousHash().equals(previous[0])
                    && CanonicalForm.recordHash(record).equals(record.hash());
            if (!intact) {
                counts[1] = 0;
                return;
            }
            if (named.contains(record.sequence())) {
                kept.put(record.sequence(), record);
            }
            previous[0] = record.hash();
            counts[1]++;
        });
        if (counts[1] != 0) {
            long last = counts[0];
            List<CheckpointView> ordered = checkpoints.stream()
                    .sorted(Comparator.comparingLong(CheckpointView::number))
                    .toList();
            if (checkHead(chain, head, kept, last, ordered) == null
                    && checkCheckpoints(chain, ordered, kept, last, null) == null
                    && checkWitness(chain, witnessed, ordered, kept, last, null) == null) {
                return new ChainResult(chain, last, checkpoints.size(), null);
            }
        }
        List<RecordView> all = new ArrayList<>();
        records.forEach(all::add);
        return verifyChain(chain, all, checkpoints, head, witnessed);
    }

    public static Verification summarise(List<ChainResult> results) {
        List<ChainResult> sorted = results.stream()
                .sorted(Comparator.comparingInt(ChainResult::chain))
                .toList();
        List<FirstBad> problems = sorted.stream()
                .map(ChainResult::firstBad)
                .filter(found -> found != null)
                .toList();
        return new Verification(
                problems.isEmpty(),
                sorted.stream().mapToLong(ChainResult::records).sum(),
                sorted.size(),
                sorted.stream().mapToLong(ChainResult::checkpoints).sum(),
                problems.isEmpty() ? null : problems.get(0),
                problems);
    }

    private FirstBad walk(int chain, List<RecordView> records) {
        String previous = CanonicalForm.GENESIS;
        long expected = 1;
        for (int i = 0; i < records.size(); i++) {
            RecordView record = records.get(i);
            if (!tenant.equals(record.tenant()) || record.chain() != chain) {
                return bad(record, Problem.INSERTED, "record belongs to another tenant or chain");
            }
            if (record.sequence() != expected) {
                if (indexOfSequence(records, expected, i + 1) >= 0) {
                    return bad(
                            record,
                            Problem.REORDERED,
                            "record " + record.sequence() + " appears where " + expected + " belongs");
                }
                if (record.sequence() > expected) {
                    return new FirstBad(
                            chain,
                            expected,
                            null,
                            Problem.MISSING,
                            "record " + expected + " is missing: "
                                    + (i == 0 ? "the chain starts with" : "the next record is") + " record "
                                    + record.sequence() + " (" + record.id() + ")");
                }
                return bad(record, Problem.INSERTED, "a second record with sequence " + record.sequence());
            }
            if (!CanonicalForm.recordHash(record).equals(record.hash())) {
                return notIntact(chain, records, i, previous);
            }
            if (!record.previousHash().equals(previous)) {
                if (i > 0 && !hashes(records).contains(record.previousHash())) {
                    RecordView before = records.get(i - 1);
                    return bad(
                            before,
                            Problem.EDITED,
                            "record was rewritten: record " + record.sequence()
                                    + " is chained to a different version of it");
                }
                if (i > 0) {
                    return bad(record, Problem.REORDERED, "record is chained to another record than its predecessor");
                }
                return bad(record, Problem.INSERTED, "the chain's first record does not start at the genesis hash");
            }
            previous = record.hash();
            expected++;
        }
        return null;
    }

    /** The record at {@code index} does not match its hash: edited, moved, or never genuine. */
    private static FirstBad notIntact(int chain, List<RecordView> records, int index, String previous) {
        RecordView record = records.get(index);
        Optional<Long> original = originalSequence(record, records.size());
        if (original.isPresent() && original.get() < record.sequence() && index > 0) {
            RecordView before = records.get(index - 1);
            return bad(
                    before,
                    Problem.INSERTED,
                    "record was never appended: genuine record " + original.get() + " (" + record.id()
                            + ") was pushed one place back to make room for it");
        }
        if (original.isPresent() && original.get() > record.sequence()) {
            for (int j = index + 1; j < records.size(); j++) {
                RecordView later = records.get(j);
                if (CanonicalForm.recordHash(later.atSequence(record.sequence()))
                        .equals(later.hash())) {
                    return bad(
                            record,
                            Problem.REORDERED,
                            "record was appended as " + original.get() + " but sits at " + record.sequence()
                                    + "; record " + later.id() + " belongs here");
                }
            }
            return new FirstBad(
                    chain,
                    record.sequence(),
                    null,
                    Problem.MISSING,
                    "record " + record.sequence() + " is missing; the records after it were renumbered");
        }
        if (index + 1 < records.size()) {
            RecordView next = records.get(index + 1);
            if (!next.previousHash().equals(record.hash())
                    && next.previousHash().equals(previous)) {
                return bad(record, Problem.INSERTED, "record is not part of the chain: the next record links past it");
            }
        }
        return bad(record, Problem.EDITED, "record content does not match its hash");
    }

    /**
     * @param walked what the walk over the records found, which explains a sealed hash that no longer
     *     matches (a checkpoint only tells that something up to its record changed, the walk tells what)
     */
    private FirstBad checkCheckpoints(
            int chain, List<CheckpointView> checkpoints, Map<Long, RecordView> bySequence, long last, FirstBad walked) {
        String previous = CanonicalForm.GENESIS;
        long expectedNumber = 1;
        long sealed = 0;
        for (CheckpointView checkpoint : checkpoints) {
            Optional<String> signature = CheckpointSignatures.problem(checkpoint, trustedKeys);
            if (signature.isPresent()) {
                return atCheckpoint(chain, checkpoint, bySequence, Problem.BAD_SIGNATURE, signature.get());
            }
            if (!tenant.equals(checkpoint.tenant()) || checkpoint.chain() != chain) {
                return atCheckpoint(
                        chain, checkpoint, bySequence, Problem.BAD_SIGNATURE, "checkpoint of another tenant or chain");
            }
            if (checkpoint.number() != expectedNumber
                    || !checkpoint.previousCheckpointHash().equals(previous)) {
                return atCheckpoint(
                        chain,
                        checkpoint,
                        bySequence,
                        Problem.MISSING,
                        "checkpoint " + expectedNumber + " is missing before checkpoint " + checkpoint.number());
            }
            RecordView sealedRecord = bySequence.get(checkpoint.recordSequence());
            if (sealedRecord == null && checkpoint.recordSequence() > last) {
                return new FirstBad(
                        chain,
                        last + 1,
                        null,
                        Problem.TRUNCATED,
                        "the chain ends at record " + last + " but signed checkpoint " + checkpoint.number() + " seals "
                                + checkpoint.recordSequence() + " records");
            }
            if (sealedRecord == null) {
                return new FirstBad(
                        chain,
                        checkpoint.recordSequence(),
                        null,
                        Problem.MISSING,
                        "record " + checkpoint.recordSequence() + ", sealed by checkpoint " + checkpoint.number()
                                + ", is missing");
            }
            if (!sealedRecord.hash().equals(checkpoint.headHash())) {
                if (walked != null && walked.sequence() <= checkpoint.recordSequence()) {
                    return null;
                }
                RecordView firstUnproven = bySequence.get(sealed + 1);
                return new FirstBad(
                        chain,
                        sealed + 1,
                        firstUnproven == null ? null : firstUnproven.id(),
                        Problem.EDITED,
                        "records " + (sealed + 1) + " to " + checkpoint.recordSequence()
                                + " were rewritten: they do not match signed checkpoint " + checkpoint.number());
            }
            previous = checkpoint.hash();
            expectedNumber++;
            sealed = checkpoint.recordSequence();
        }
        return null;
    }

    /** A chain its witness knows, of which the database has nothing left: no record, no checkpoint, no head. */
    private static FirstBad missingChain(
            int chain,
            List<RecordView> records,
            List<CheckpointView> checkpoints,
            ChainHead head,
            CheckpointView witnessed) {
        if (witnessed == null || !records.isEmpty() || !checkpoints.isEmpty() || head != null) {
            return null;
        }
        return new FirstBad(
                chain,
                1,
                null,
                Problem.MISSING,
                "the chain is missing: its witnessed checkpoint " + witnessed.number() + " seals "
                        + witnessed.recordSequence() + " records");
    }

    /**
     * The chain against the latest checkpoint its witness holds: signed by a trusted key, still stored,
     * still sealing the same record hash, and the chain not shorter than it.
     */
    private FirstBad checkWitness(
            int chain,
            CheckpointView witnessed,
            List<CheckpointView> checkpoints,
            Map<Long, RecordView> bySequence,
            long last,
            FirstBad walked) {
        if (witnessed == null) {
            return null;
        }
        Optional<String> signature = CheckpointSignatures.problem(witnessed, trustedKeys);
        if (signature.isPresent() || !tenant.equals(witnessed.tenant()) || witnessed.chain() != chain) {
            return atCheckpoint(
                    chain,
                    witnessed,
                    bySequence,
                    Problem.BAD_SIGNATURE,
                    "witnessed: " + signature.orElse("checkpoint of another tenant or chain"));
        }
        if (witnessed.recordSequence() > last) {
            return new FirstBad(
                    chain,
                    last + 1,
                    null,
                    Problem.TRUNCATED,
                    "the chain ends at record " + last + " but checkpoint " + witnessed.number()
                            + ", witnessed outside the database, seals " + witnessed.recordSequence() + " records");
        }
        CheckpointView stored = checkpoints.stream()
                .filter(checkpoint -> checkpoint.number() == witnessed.number())
                .findFirst()
                .orElse(null);
        if (stored == null) {
            return atCheckpoint(
                    chain,
                    witnessed,
                    bySequence,
                    Problem.MISSING,
                    "is missing, although it was witnessed outside the database");
        }
        if (!stored.hash().equals(witnessed.hash())) {
            return atCheckpoint(
                    chain, stored, bySequence, Problem.BAD_SIGNATURE, "differs from the copy its witness holds");
        }
        RecordView sealed = bySequence.get(witnessed.recordSequence());
        if (sealed != null && !sealed.hash().equals(witnessed.headHash())) {
            if (walked != null && walked.sequence() <= witnessed.recordSequence()) {
                return null;
            }
            return new FirstBad(
                    chain,
                    1,
                    bySequence.containsKey(1L) ? bySequence.get(1L).id() : null,
                    Problem.EDITED,
                    "records up to " + witnessed.recordSequence() + " were rewritten: they do not match checkpoint "
                            + witnessed.number() + " as its witness holds it");
        }
        return null;
    }

    private static FirstBad checkHead(
            int chain, ChainHead head, Map<Long, RecordView> bySequence, long last, List<CheckpointView> checkpoints) {
        if (head == null) {
            return null;
        }
        if (head.sequence() > last) {
            return new FirstBad(
                    chain,
                    last + 1,
                    null,
                    Problem.TRUNCATED,
                    "the chain ends at record " + last + " but its head is record " + head.sequence());
        }
        if (head.sequence() < last) {
            RecordView extra = bySequence.get(head.sequence() + 1);
            return new FirstBad(
                    chain,
                    head.sequence() + 1,
                    extra == null ? null : extra.id(),
                    Problem.INSERTED,
                    "records after the chain head (" + head.sequence() + ") were not appended by Mandate");
        }
        RecordView newest = bySequence.get(head.sequence());
        if (newest != null && !newest.hash().equals(head.hash())) {
            return bad(newest, Problem.EDITED, "the newest record does not match the chain head");
        }
        if (head.checkpoints() > checkpoints.size()) {
            long after = checkpoints.isEmpty()
                    ? 1
                    : checkpoints.get(checkpoints.size() - 1).recordSequence() + 1;
            return new FirstBad(
                    chain,
                    Math.min(after, Math.max(last, 1)),
                    null,
                    Problem.MISSING,
                    "the chain has " + head.checkpoints() + " checkpoints, " + checkpoints.size() + " were found");
        }
        if (head.checkpoints() < checkpoints.size()) {
            CheckpointView extra = checkpoints.get(checkpoints.size() - 1);
            return new FirstBad(
                    chain,
                    extra.recordSequence(),
                    null,
                    Problem.INSERTED,
                    "the chain has " + head.checkpoints() + " checkpoints, " + checkpoints.size() + " were found");
        }
        return null;
    }

    private static FirstBad atCheckpoint(
            int chain, CheckpointView checkpoint, Map<Long, RecordView> bySequence, Problem problem, String detail) {
        RecordView sealed = bySequence.get(checkpoint.recordSequence());
        return new FirstBad(
                chain,
                checkpoint.recordSequence(),
                sealed == null ? null : sealed.id(),
                problem,
                "checkpoint " + checkpoint.number() + ": " + detail);
    }

    private static FirstBad bad(RecordView record, Problem problem, String detail) {
        return new FirstBad(record.chain(), record.sequence(), record.id(), problem, detail);
    }

    private static int indexOfSequence(List<RecordView> records, long sequence, int from) {
        for (int j = from; j < records.size(); j++) {
            if (records.get(j).sequence() == sequence) {
                return j;
            }
        }
        return -1;
    }

    private static Set<String> hashes(List<RecordView> records) {
        Set<String> hashes = new HashSet<>();
        records.forEach(record -> hashes.add(record.hash()));
        return hashes;
    }

    /** The sequence a record was appended with, when its hash matches at another position. */
    private static Optional<Long> originalSequence(RecordView record, int chainLength) {
        List<Long> candidates = new ArrayList<>(List.of(record.sequence() + 1, record.sequence() - 1));
        long limit = Math.min((long) chainLength + 1, MAX_POSITION_PROBES);
        for (long s = 1; s <= limit; s++) {
            candidates.add(s);
        }
        for (long candidate : candidates) {
            if (candidate >= 1
                    && candidate != record.sequence()
                    && CanonicalForm.recordHash(record.atSequence(candidate)).equals(record.hash())) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}

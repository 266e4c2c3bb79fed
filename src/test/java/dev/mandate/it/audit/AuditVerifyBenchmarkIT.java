package dev.mandate.it.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import dev.mandate.audit.entity.CanonicalForm;
import dev.mandate.audit.entity.CheckpointView;
import dev.mandate.audit.entity.RecordView;
import dev.mandate.audit.verify.CheckpointSignatures;
import dev.mandate.it.support.Database;
import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import io.restassured.response.Response;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The audit verification benchmark of BENCHMARKS.md: a tenant with 1,000,000 genuine audit records (8
 * chains, a signed checkpoint every 10,000 records) written straight into PostgreSQL with the product's
 * canonical form, hashing and signing code, then {@code GET /api/v1/audit/verify} timed while the
 * server's heap is sampled ({@code jstat -gc}). Not part of the normal run:
 * <pre>
 * flock /tmp/mandate-payara.lock bash -c 'src/test/dev-it.sh up &amp;&amp; \
 *   ./mvnw -B -o -pl src/test failsafe:integration-test -Dit.test=AuditVerifyBenchmarkIT -Dmandate.audit.benchmark=true; \
 *   src/test/dev-it.sh down'
 * </pre>
 * Results are printed and written to {@code src/test/target/audit-benchmark.txt}.
 */
@EnabledIfSystemProperty(
        named = "mandate.audit.benchmark",
        matches = "true",
        disabledReason = "a benchmark of several minutes: run with -Dmandate.audit.benchmark=true")
class AuditVerifyBenchmarkIT extends MandateIT {

    private static final int RECORDS = Integer.getInteger("mandate.audit.benchmark.records", 1_000_000);
    private static final int CHAINS = 8;
    private static final int CHECKPOINT_EVERY = 10_000;
    private static final int BATCH = 5_000;
    private static final Path PID = Path.of("target/payara/payara6/glassfish/domains/mandate-it/config/pid");

    private final String tenant = newTenant();
    private final StringBuilder report = new StringBuilder();

    @Test
    void verifyAMillionRecords() throws Exception {
        long start = System.nanoTime();
        long checkpoints = insertChains();
        Database.analyze("audit_record");
        Database.analyze("audit_checkpoint");
        line(
                "wrote %,d records in %d chains with %,d checkpoints in %.1f s",
                RECORDS, CHAINS, checkpoints, seconds(start));

        String pid = Files.readString(PID).strip();
        line("server heap before (jcmd GC.heap_info):%n%s", run("jcmd", pid, "GC.heap_info"));
        for (int round = 1; round <= 3; round++) {
            run("jcmd", pid, "GC.run");
            HeapSampler sampler = new HeapSampler(pid);
            sampler.start();
            long began = System.nanoTime();
            Response response = as(Tokens.admin(tenant)).get("/api/v1/audit/verify");
            double took = seconds(began);
            sampler.stop();
            assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
            assertThat(response.jsonPath().getBoolean("valid"))
                    .as(response.asString())
                    .isTrue();
            assertThat(response.jsonPath().getLong("recordsChecked")).isEqualTo(RECORDS);
            line(
                    "verify round %d: %.1f s (%,.0f records/s), valid, %d checkpoints; heap used during it: min %,d MiB,"
                            + " max %,d MiB, old generation max %,d MiB (%d samples)",
                    round,
                    took,
                    RECORDS / took,
                    response.jsonPath().getLong("checkpointsChecked"),
                    sampler.min.get() / 1024,
                    sampler.max.get() / 1024,
                    sampler.oldMax.get() / 1024,
                    sampler.samples.get());
        }
        run("jcmd", pid, "GC.run");
        line("server heap after a full GC (jcmd GC.heap_info):%n%s", run("jcmd", pid, "GC.heap_info"));
        Files.writeString(Path.of("target/audit-benchmark.txt"), report.toString());
    }

    /** Writes the chains, their checkpoints and head rows; answers how many checkpoints. */
    private long insertChains() throws Exception {
        RSAKey key = CheckpointSignatures.fromPkcs8Pem(
                Files.readString(AuditSupport.KEYS.resolve("audit-private.pem"), StandardCharsets.US_ASCII));
        OffsetDateTime base = OffsetDateTime.of(2026, 11, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        String url = System.getProperty("mandate.it.jdbc-url") + "&reWriteBatchedInserts=true";
        try (Connection connection = DriverManager.getConnection(url);
                PreparedStatement records = connection.prepareStatement("insert into audit_record (id, tenant_id,"
                        + " chain, sequence, recorded_at, actor, agent_id, task_id, trace_id, action, outcome, rule_ids,"
                        + " input_summary, policy_version, details, previous_hash, hash)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement checkpoints = connection.prepareStatement("insert into audit_checkpoint (id,"
                        + " tenant_id, chain, number, record_sequence, head_hash, sealed_at, previous_checkpoint_hash,"
                        + " key_id, hash, signature) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement heads = connection.prepareStatement("insert into audit_chain (id, tenant_id, chain,"
                        + " head_sequence, head_hash, head_time, sealed_sequence, checkpoint_count, checkpoint_hash)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            connection.setAutoCommit(false);
            int perChain = RECORDS / CHAINS;
            long written = 0;
            long sealed = 0;
            for (int chain = 0; chain < CHAINS; chain++) {
                String agent = UUID.randomUUID().toString();
                String previous = CanonicalForm.GENESIS;
                String checkpointHash = CanonicalForm.GENESIS;
                long checkpointCount = 0;
                OffsetDateTime time = base;
                for (long sequence = 1; sequence <= perChain; sequence++) {
                    time = base.plusNanos((sequence * CHAINS + chain) * 1000L);
                    RecordView record = record(chain, sequence, agent, time, previous);
                    add(records, record, time);
                    previous = record.hash();
                    if (++written % BATCH == 0) {
                        records.executeBatch();
                        connection.commit();
                    }
                    if (sequence % CHECKPOINT_EVERY == 0 || sequence == perChain) {
                        checkpointCount++;
                        CheckpointView signed = CheckpointSignatures.sign(
                                new CheckpointView(
                                        tenant,
                                        chain,
                                        checkpointCount,
                                        sequence,
                                        previous,
                                        CanonicalForm.timestamp(time.plusSeconds(1)),
                                        checkpointHash,
                                        null,
                                        null,
                                        null),
                                key);
                        checkpoints.setString(1, UUID.randomUUID().toString());
                        checkpoints.setString(2, tenant);
                        checkpoints.setInt(3, chain);
                        checkpoints.setLong(4, signed.number());
                        checkpoints.setLong(5, signed.recordSequence());
                        checkpoints.setString(6, signed.headHash());
                        checkpoints.setObject(7, OffsetDateTime.parse(signed.sealedAt()));
                        checkpoints.setString(8, signed.previousCheckpointHash());
                        checkpoints.setString(9, signed.keyId());
                        checkpoints.setString(10, signed.hash());
                        checkpoints.setString(11, signed.signature());
                        checkpoints.addBatch();
                        checkpointHash = signed.hash();
                        sealed++;
                    }
                }
                records.executeBatch();
                checkpoints.executeBatch();
                heads.setString(1, tenant + "/" + chain);
                heads.setString(2, tenant);
                heads.setInt(3, chain);
                heads.setLong(4, perChain);
                heads.setString(5, previous);
                heads.setObject(6, time);
                heads.setLong(7, perChain);
                heads.setLong(8, checkpointCount);
                heads.setString(9, checkpointHash);
                heads.executeUpdate();
                connection.commit();
            }
            return sealed;
        }
    }

    /** A record as a decision writes it: summary, rule ids, details of typical size. */
    private RecordView record(int chain, long sequence, String agent, OffsetDateTime time, String previous) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("envelopeId", UUID.randomUUID().toString());
        details.put("reasons", "policy small-payments: payments up to 1000 EUR are allowed");
        details.put("riskClass", "MONEY_MOVEMENT");
        details.put("tier", "AUTONOMOUS");
        details.put("tool", "erp:pay_invoice");
        RecordView unhashed = new RecordView(
                UUID.randomUUID().toString(),
                tenant,
                chain,
                sequence,
                CanonicalForm.timestamp(time),
                agent,
                agent,
                "inv-" + sequence,
                String.format("%032x", sequence * 7919 + chain),
                "envelope.decided",
                "ALLOW",
                List.of("small-payments"),
                "erp:pay_invoice task=pay-invoice arguments={\"invoiceId\":\"INV-" + sequence + "\",\"amount\":"
                        + (sequence % 1000) + ",\"currency\":\"EUR\",\"vendor\":\"ACME Supplies\"}",
                "7",
                new java.util.TreeMap<>(details),
                previous,
                null);
        return new RecordView(
                unhashed.id(),
                unhashed.tenant(),
                unhashed.chain(),
                unhashed.sequence(),
                unhashed.timestamp(),
                unhashed.actor(),
                unhashed.agentId(),
                unhashed.taskId(),
                unhashed.traceId(),
                unhashed.action(),
                unhashed.outcome(),
                unhashed.ruleIds(),
                unhashed.inputSummary(),
                unhashed.policyVersion(),
                unhashed.details(),
                previous,
                CanonicalForm.recordHash(unhashed));
    }

    private static void add(PreparedStatement insert, RecordView r, OffsetDateTime time) throws Exception {
        insert.setString(1, r.id());
        insert.setString(2, r.tenant());
        insert.setInt(3, r.chain());
        insert.setLong(4, r.sequence());
        insert.setObject(5, time);
        insert.setString(6, r.actor());
        insert.setString(7, r.agentId());
        insert.setString(8, r.taskId());
        insert.setString(9, r.traceId());
        insert.setString(10, r.action());
        insert.setString(11, r.outcome());
        insert.setString(12, CanonicalForm.ruleIds(r.ruleIds()));
        insert.setString(13, r.inputSummary());
        insert.setString(14, r.policyVersion());
        insert.setString(15, CanonicalForm.details(r.details()));
        insert.setString(16, r.previousHash());
        insert.setString(17, r.hash());
        insert.addBatch();
    }

    /** {@code jstat -gc PID 200}: heap in use (survivors, eden, old) sampled every 200 ms, in KiB. */
    private static final class HeapSampler {
        final AtomicLong min = new AtomicLong(Long.MAX_VALUE);
        final AtomicLong max = new AtomicLong();
        final AtomicLong oldMax = new AtomicLong();
        final AtomicLong samples = new AtomicLong();
        private final Process process;
        private final Thread reader;

        HeapSampler(String pid) throws IOException {
            process = new ProcessBuilder("jstat", "-gc", pid, "200")
                    .redirectErrorStream(true)
                    .start();
            reader = new Thread(this::read, "heap-sampler");
        }

        void start() {
            reader.start();
        }

        void stop() throws InterruptedException {
            Thread.sleep(300);
            process.destroy();
            reader.join(5000);
        }

        private void read() {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                List<String> header = null;
                String line;
                while ((line = lines.readLine()) != null) {
                    List<String> cells = List.of(line.trim().split("\\s+"));
                    if (cells.contains("EU")) {
                        header = cells;
                        continue;
                    }
                    if (header == null || cells.size() != header.size()) {
                        continue;
                    }
                    double used = 0;
                    for (String column : List.of("S0U", "S1U", "EU", "OU")) {
                        used += Double.parseDouble(cells.get(header.indexOf(column)));
                    }
                    long old = (long) Double.parseDouble(cells.get(header.indexOf("OU")));
                    long total = (long) used;
                    min.accumulateAndGet(total, Math::min);
                    max.accumulateAndGet(total, Math::max);
                    oldMax.accumulateAndGet(old, Math::max);
                    samples.incrementAndGet();
                }
            } catch (IOException | RuntimeException e) {
                // the process was stopped
            }
        }
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(60, TimeUnit.SECONDS);
        return output.strip();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private void line(String format, Object... values) {
        String text = String.format(format, values);
        System.out.println(text);
        report.append(text).append('\n');
    }
}

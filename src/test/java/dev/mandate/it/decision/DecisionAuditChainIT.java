package dev.mandate.it.decision;

import static dev.mandate.it.decision.DecisionSetup.envelope;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.audit.entity.CanonicalForm;
import dev.mandate.audit.entity.RecordView;
import dev.mandate.it.support.Database;
import dev.mandate.it.support.MandateIT;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A decision's audit record continues its agent's chain from wherever the head is: the server sends the
 * record with the chain's lock, predicting the head from its own last append, and must notice when the
 * head is elsewhere (another server appended, or a transaction that appended rolled back).
 */
class DecisionAuditChainIT extends MandateIT {

    private static DecisionSetup setup;

    @BeforeAll
    static void tenant() {
        setup = new DecisionSetup();
    }

    @Test
    void aHeadMovedByAnotherServerIsContinued() {
        String agent = setup.agent("AUTONOMOUS");
        decide(agent);
        decide(agent);
        Map<String, Object> head = newest(agent);
        int chain = (Integer) head.get("chain");
        long sequence = ((Number) head.get("sequence")).longValue();

        String foreign = appendAsAnotherServer(agent, chain, sequence + 1, (String) head.get("hash"));
        decide(agent);

        Map<String, Object> next = newest(agent);
        assertThat(((Number) next.get("sequence")).longValue()).isEqualTo(sequence + 2);
        assertThat(next.get("previousHash"))
                .isEqualTo(Database.text("select hash from audit_record where id = ?", foreign));
        assertValidAndGapless();
    }

    @Test
    void aHeadLeftBehindByARolledBackDecisionIsContinued() {
        String agent = setup.agent("EXECUTE_WITH_APPROVAL");
        decide(agent);
        String trigger =
                "it_fail_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Database.execute("create function " + trigger + "() returns trigger language plpgsql as $$ begin"
                + " if new.tenant_id = '" + setup.tenant + "' then raise exception 'injected failure'; end if;"
                + " return new; end $$");
        Database.execute("create trigger " + trigger + " before insert on audit_record for each row execute function "
                + trigger + "()");
        try {
            Response failed = setup.submit("EXECUTE_WITH_APPROVAL", body(agent));
            assertThat(failed.statusCode()).as(failed.asString()).isEqualTo(500);
        } finally {
            Database.execute("drop trigger if exists " + trigger + " on audit_record");
            Database.execute("drop function if exists " + trigger + "()");
        }
        decide(agent);
        decide(agent);
        assertValidAndGapless();
    }

    @Test
    void concurrentDecisionsOfOneAgentQueueOnItsChain() throws Exception {
        String agent = setup.agent("SUGGEST_ONLY");
        decide(agent);
        int clients = 24;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return setup.submit("SUGGEST_ONLY", body(agent)).statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(records(agent))
                .filteredOn(r -> "envelope.decided".equals(r.get("action")))
                .hasSize(clients + 1);
        assertValidAndGapless();
    }

    private static Map<String, Object> body(String agent) {
        return envelope(agent, "small-task", "erp", "match_po", Map.of());
    }

    private static void decide(String agent) {
        String tier = setup.agents.entrySet().stream()
                .filter(e -> e.getValue().equals(agent))
                .findFirst()
                .orElseThrow()
                .getKey();
        Response answer = setup.submit(tier, body(agent));
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
    }

    /**
     * What another server's append leaves: a record continuing the head, with a correct hash, and the
     * head moved to it.
     */
    private static String appendAsAnotherServer(String agent, int chain, long sequence, String previousHash) {
        String id = UUID.randomUUID().toString();
        String timestamp = CanonicalForm.timestamp(OffsetDateTime.now(ZoneOffset.UTC));
        RecordView record = new RecordView(
                id,
                setup.tenant,
                chain,
                sequence,
                timestamp,
                "another-server",
                agent,
                null,
                null,
                "agent.updated",
                "OK",
                List.of(),
                null,
                null,
                Map.of(),
                previousHash,
                null);
        String hash = CanonicalForm.recordHash(record);
        Database.execute(
                "insert into audit_record (id, tenant_id, chain, sequence, recorded_at, actor, agent_id, action,"
                        + " outcome, rule_ids, details, previous_hash, hash)"
                        + " values (?, ?, ?, ?, cast(? as timestamp with time zone), ?, ?, ?, ?, '[]', '{}', ?, ?)",
                id,
                setup.tenant,
                chain,
                sequence,
                timestamp,
                "another-server",
                agent,
                "agent.updated",
                "OK",
                previousHash,
                hash);
        Database.execute(
                "update audit_chain set head_sequence = ?, head_hash = ?, head_time = cast(? as timestamp with time zone)"
                        + " where tenant_id = ? and chain = ?",
                sequence,
                hash,
                timestamp,
                setup.tenant,
                chain);
        return id;
    }

    /** The tenant's records, of one agent unless {@code agent} is null. */
    private static List<Map<String, Object>> records(String agent) {
        var request = as(setup.admin).queryParam("limit", 200);
        Response response =
                (agent == null ? request : request.queryParam("agentId", agent)).get("/api/v1/audit/records");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return response.jsonPath().getList("items");
    }

    private static Map<String, Object> newest(String agent) {
        return records(agent).stream()
                .max((a, b) -> Long.compare(
                        ((Number) a.get("sequence")).longValue(), ((Number) b.get("sequence")).longValue()))
                .orElseThrow();
    }

    private static void assertValidAndGapless() {
        JsonPath verification = as(setup.admin).get("/api/v1/audit/verify").jsonPath();
        assertThat(verification.getBoolean("valid")).as(verification.prettify()).isTrue();
        Map<Integer, List<Long>> byChain = new TreeMap<>();
        records(null).forEach(r -> byChain.computeIfAbsent((Integer) r.get("chain"), c -> new ArrayList<>())
                .add(((Number) r.get("sequence")).longValue()));
        byChain.forEach((chain, sequences) -> {
            sequences.sort(Long::compare);
            for (int i = 0; i < sequences.size(); i++) {
                assertThat(sequences.get(i)).as("chain %d", chain).isEqualTo(i + 1L);
            }
        });
    }
}

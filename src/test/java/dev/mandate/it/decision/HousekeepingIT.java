package dev.mandate.it.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.it.support.Database;
import dev.mandate.it.support.MandateIT;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The housekeeping timer (every 3 s on the test domain) deletes idempotency keys older than
 * mandate.idempotency.keep-hours (48) and rate buckets older than two hours, and nothing newer; a
 * backlog larger than one batch goes too.
 */
class HousekeepingIT extends MandateIT {

    @Test
    void oldKeysAndBucketsGoNewOnesStay() throws InterruptedException {
        String tenant = newTenant();
        String agent = UUID.randomUUID().toString();
        String insertKey = "insert into idempotency_key (tenant_id, agent_id, idem_key, request_hash, state,"
                + " response_status, response_body, created_at) values (?, ?, ?, 'h', 'DONE', 200, '{}', now() - ?::interval)";
        Database.execute(insertKey, tenant, agent, "three-days-old", "72 hours");
        Database.execute(insertKey, tenant, agent, "a-day-old", "23 hours");
        // more than two of the housekeeping's batches (5,000 rows each) of old keys
        Database.execute(
                "insert into idempotency_key (tenant_id, agent_id, idem_key, request_hash, state, created_at)"
                        + " select ?, ?, 'backlog-' || n, 'h', 'DONE', now() - interval '5 days'"
                        + " from generate_series(1, 12001) n",
                tenant,
                agent);
        long now = Instant.now().getEpochSecond();
        String insertBucket =
                "insert into rate_counter (tenant_id, agent_id, span_seconds, bucket, tool_key, envelopes)"
                        + " values (?, ?, 60, ?, 'erp', 5)";
        Database.execute(insertBucket, tenant, agent, now / 60 * 60 - 3 * 3600);
        Database.execute(insertBucket, tenant, agent, now / 60 * 60 - 600);

        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline) && (oldKeys(agent) > 0 || oldBuckets(agent, now) > 0)) {
            Thread.sleep(500);
        }
        assertThat(oldKeys(agent)).as("keys older than 48 h, 12,002 of them").isZero();
        assertThat(oldBuckets(agent, now)).as("buckets older than 2 h").isZero();
        assertThat(Database.count("select count(*) from idempotency_key where agent_id = ?", agent))
                .as("the key within 48 h stays")
                .isEqualTo(1);
        assertThat(Database.count("select count(*) from rate_counter where agent_id = ?", agent))
                .as("the bucket within the hour stays")
                .isEqualTo(1);
    }

    private static long oldKeys(String agent) {
        return Database.count(
                "select count(*) from idempotency_key where agent_id = ? and idem_key <> 'a-day-old'", agent);
    }

    private static long oldBuckets(String agent, long now) {
        return Database.count("select count(*) from rate_counter where agent_id = ? and bucket < ?", agent, now - 7200);
    }
}

package dev.mandate.decision.control;

import dev.mandate.agent.control.ActiveAgents;
import dev.mandate.agent.entity.AgentSnapshot;
import dev.mandate.decision.entity.EnvelopeAnswer;
import dev.mandate.platform.change.ConfigGenerations;
import dev.mandate.platform.config.ConfigKey;
import dev.mandate.platform.error.ConstraintViolations;
import dev.mandate.platform.schema.DatabaseProduct;
import dev.mandate.platform.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Idempotency keys (IETF draft semantics), scoped to tenant + agent: the first request claims the key;
 * its answer is stored in the same transaction as its decision; a retry with the same body gets that
 * answer, with another body 422, while the first is still running 409. Keys are kept at least 24 h.
 *
 * <p>On PostgreSQL the claim is a transaction-scoped advisory lock on the key, taken without waiting in
 * the decision's own transaction ({@link #claimInDecision}): a concurrent request with the key finds it
 * taken (409) until the decision commits its answer or rolls back, and a crash leaves nothing behind.
 * On H2 the claim is an IN_FLIGHT row committed in a transaction of its own ({@link #claim}), marked with
 * a claim id: a retry that takes over a stale claim gives it a new id, and only the request holding the
 * current id may store an answer or free the key, so a slow first request and its retry never both
 * decide. Either way a finished key is never overwritten: storing a second answer fails with 409 and
 * rolls the decision back.
 */
@ApplicationScoped
public class IdempotencyKeys {

    private static final String STORED = "request_hash, state, response_status, response_body, created_at, claim_id";

    @Inject
    DatabaseProduct database;

    @Inject
    Sql sql;

    /** A key's row as stored: the request it was claimed for, and the answer once there is one. */
    private record StoredKey(
            String requestHash, String state, int status, String body, OffsetDateTime createdAt, String claimId) {

        /** Reads the {@link #STORED} columns starting at {@code first}; null where the row is absent. */
        static StoredKey read(ResultSet row, int first) throws SQLException {
            String requestHash = row.getString(first);
            if (requestHash == null) {
                return null;
            }
            Timestamp created = row.getTimestamp(first + 4);
            return new StoredKey(
                    requestHash,
                    row.getString(first + 1),
                    row.getInt(first + 2),
                    row.getString(first + 3),
                    created.toInstant().atOffset(ZoneOffset.UTC),
                    row.getString(first + 5));
        }
    }

    /** Whether the decision's transaction claims the key itself ({@link #claimInDecision}). */
    public boolean claimsInDecision() {
        return database.isPostgres();
    }

    /**
     * A key claimed in the decision's transaction: the stored answer of a finished request with the same
     * body, if any, the tenant's configuration generation and the calling agent (ACTIVE), read in the same
     * statement.
     */
    public record Claim(Optional<EnvelopeAnswer> earlier, String generation, AgentSnapshot agent) {}

    /**
     * Claims the key for the caller's transaction (PostgreSQL): returns the stored answer of a finished
     * request with the same body; 409 while another transaction holds the key; 422 for another body; 403
     * (first) when the agent is not an ACTIVE agent of the tenant. Reads the tenant's configuration
     * generation and the agent along, which the decision needs next.
     */
    @Transactional(TxType.MANDATORY)
    public Claim claimInDecision(String tenant, String agentId, String key, String requestHash) {
        // two statements in one round trip: the lock (never waits), then the stored request, if any, the
        // generation and the agent. The lookup must not share the lock's statement: a statement reads the
        // snapshot taken when it starts, and a request with this key that commits its answer (releasing
        // the lock) between that moment and the lock would go unseen, and the key be answered twice.
        record Row(StoredKey stored, String generation, AgentSnapshot agent) {}
        Sql.FirstRows<Boolean, Row> claimed = sql.firstOfEach(
                "select pg_try_advisory_xact_lock(hashtextextended(?, 0))",
                r -> r.getBoolean(1),
                new Object[] {tenant + "\n" + agentId + "\n" + key},
                // the left joins always yield exactly one row
                "select k." + STORED.replace(", ", ", k.") + ", " + ConfigGenerations.CURRENT + ", a."
                        + String.join(", a.", ActiveAgents.COLUMNS)
                        + " from (select 1) one left join idempotency_key k"
                        + " on k.tenant_id = ? and k.agent_id = ? and k.idem_key = ?"
                        + " left join agent a on a.id = ?",
                r -> new Row(StoredKey.read(r, 1), r.getString(7), ActiveAgents.active(r, 8, tenant)),
                new Object[] {tenant, tenant, tenant, agentId, key, agentId});
        Row claim = claimed.second().orElseThrow();
        if (!claimed.first().orElseThrow()) {
            throw new IdempotencyInFlightException("a request with this Idempotency-Key is in progress; retry later");
        }
        if (claim.stored() == null) {
            return new Claim(Optional.empty(), claim.generation(), claim.agent());
        }
        // an IN_FLIGHT row here was left by the H2-style claim of an earlier version: taken over when stale
        // (the advisory lock keeps other requests with the key out; complete() refuses to overwrite a DONE)
        return new Claim(answerOrTakeOver(requestHash, claim.stored(), () -> true), claim.generation(), claim.agent());
    }

    /**
     * A key claimed in a transaction of its own: the stored answer of a finished request with the same
     * body, if any; otherwise the id of this request's claim, which storing its answer and freeing the key
     * must name.
     */
    public record HeldKey(Optional<EnvelopeAnswer> earlier, String claim) {}

    /**
     * Claims the key in a transaction of its own, so a concurrent request sees the claim at once (where
     * the decision does not claim it itself, see {@link #claimsInDecision}).
     * Returns the stored answer when this is a retry of a finished request.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public HeldKey claim(String tenant, String agentId, String key, String requestHash) {
        Optional<StoredKey> stored = sql.first(
                "select " + STORED + " from idempotency_key where tenant_id = ? and agent_id = ? and idem_key = ?",
                r -> StoredKey.read(r, 1),
                tenant,
                agentId,
                key);
        String claim = UUID.randomUUID().toString();
        if (stored.isEmpty()) {
            try {
                sql.update(
                        "insert into idempotency_key (tenant_id, agent_id, idem_key, request_hash, state, created_at,"
                                + " claim_id) values (?, ?, ?, ?, 'IN_FLIGHT', ?, ?)",
                        tenant,
                        agentId,
                        key,
                        requestHash,
                        Instant.now(),
                        claim);
                return new HeldKey(Optional.empty(), claim);
            } catch (PersistenceException raced) {
                if (!ConstraintViolations.isIntegrityViolation(raced)) {
                    throw raced;
                }
                throw new IdempotencyInFlightException(
                        "a request with this Idempotency-Key is in progress; retry later");
            }
        }
        String staleClaim = stored.get().claimId() == null ? "" : stored.get().claimId();
        Optional<EnvelopeAnswer> earlier = answerOrTakeOver(requestHash, stored.get(), () -> {
            try {
                // only from the stale claim itself: of two retries taking it over at once, one wins
                return sql.update(
                                "update idempotency_key set created_at = ?, claim_id = ? where tenant_id = ?"
                                        + " and agent_id = ? and idem_key = ? and state = 'IN_FLIGHT'"
                                        + " and coalesce(claim_id, '') = ?",
                                Instant.now(),
                                claim,
                                tenant,
                                agentId,
                                key,
                                staleClaim)
                        == 1;
            } catch (PersistenceException contended) {
                // the row is locked by another takeover (or its lock wait timed out): that one goes on
                return false;
            }
        });
        return new HeldKey(earlier, earlier.isPresent() ? null : claim);
    }

    /**
     * What an existing key means for this request: its stored answer, 422, 409, or (empty) a stale
     * claim whose request died, taken over.
     */
    private static Optional<EnvelopeAnswer> answerOrTakeOver(
            String requestHash, StoredKey stored, BooleanSupplier takeOver) {
        if (!requestHash.equals(stored.requestHash())) {
            throw new IdempotencyKeyReusedException("this Idempotency-Key was used for a different request body");
        }
        if ("DONE".equals(stored.state())) {
            return Optional.of(new EnvelopeAnswer(stored.status(), stored.body(), true));
        }
        long abandonAfter = ConfigKey.IDEMPOTENCY_IN_FLIGHT_SECONDS.get(Long.class);
        if (stored.createdAt().isBefore(OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(abandonAfter))) {
            // the first attempt died without an answer (crash), or is slow: this retry takes the key over, and
            // the first one can no longer store an answer (see complete)
            if (takeOver.getAsBoolean()) {
                return Optional.empty();
            }
        }
        throw new IdempotencyInFlightException("a request with this Idempotency-Key is in progress; retry later");
    }

    /**
     * Adds the storing of the answer to the decision's {@code writes}, so answer and decision commit
     * together. The write must change exactly one row: a key that is DONE already, or (H2) whose claim is
     * no longer {@code claim} because a retry took it over, is never overwritten; the writes then fail
     * with 409 and the decision rolls back.
     */
    public void complete(
            Sql.Writes writes,
            String tenant,
            String agentId,
            String key,
            String requestHash,
            EnvelopeAnswer answer,
            String claim) {
        Supplier<IdempotencyInFlightException> answeredMeanwhile = () -> new IdempotencyInFlightException(
                "another request with this Idempotency-Key was decided meanwhile; nothing of this one was kept:"
                        + " retry to get the key's answer");
        if (claimsInDecision()) {
            // no row yet (or a stale claim taken over): the answer is the key's first committed row
            writes.addExpectingOne(
                    answeredMeanwhile,
                    "insert into idempotency_key (tenant_id, agent_id, idem_key, request_hash, state, response_status,"
                            + " response_body, created_at) values (?, ?, ?, ?, 'DONE', ?, ?, ?)"
                            + " on conflict (tenant_id, agent_id, idem_key) do update set state = 'DONE',"
                            + " response_status = excluded.response_status, response_body = excluded.response_body"
                            + " where idempotency_key.state <> 'DONE'",
                    tenant,
                    agentId,
                    key,
                    requestHash,
                    answer.status(),
                    answer.body(),
                    Instant.now());
            return;
        }
        writes.addExpectingOne(
                answeredMeanwhile,
                "update idempotency_key set state = 'DONE', response_status = ?, response_body = ?"
                        + " where tenant_id = ? and agent_id = ? and idem_key = ? and state = 'IN_FLIGHT'"
                        + " and claim_id = ?",
                answer.status(),
                answer.body(),
                tenant,
                agentId,
                key,
                claim);
    }

    /**
     * Frees a claimed key whose request failed before deciding, so the client can retry it; a claim a
     * retry took over meanwhile is the retry's and stays.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public void release(String tenant, String agentId, String key, String claim) {
        sql.update(
                "delete from idempotency_key where tenant_id = ? and agent_id = ? and idem_key = ?"
                        + " and state = 'IN_FLIGHT' and claim_id = ?",
                tenant,
                agentId,
                key,
                claim);
    }

    /**
     * Deletes up to {@code limit} keys created before {@code before} (and their stored answers), in a
     * transaction of their own; returns how many.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public int purge(Instant before, int limit) {
        return sql.update(
                "delete from idempotency_key where (tenant_id, agent_id, idem_key) in (select tenant_id, agent_id,"
                        + " idem_key from idempotency_key where created_at < ? fetch first ? rows only)",
                before,
                limit);
    }
}

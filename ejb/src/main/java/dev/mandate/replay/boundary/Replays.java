package dev.mandate.replay.boundary;

import dev.mandate.audit.boundary.AuditTrail;
import dev.mandate.audit.entity.AuditEntry;
import dev.mandate.decision.control.DecisionConfiguration;
import dev.mandate.decision.control.DecisionConfigurations;
import dev.mandate.decision.entity.Envelope;
import dev.mandate.decision.entity.EnvelopeRecord;
import dev.mandate.platform.error.ResourceNotFoundException;
import dev.mandate.platform.id.TimeOrderedIds;
import dev.mandate.platform.security.Caller;
import dev.mandate.replay.control.EnvelopeReplayer;
import dev.mandate.replay.entity.Replay;
import dev.mandate.replay.entity.ReplaySelection;
import dev.mandate.replay.entity.ReplayedEnvelope;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The replay runbook: stored envelopes (one, a task's, or a time window's) decided again through the current
 * configuration and policy in dry run, to see what today's policy would do to yesterday's traffic. Nothing is
 * written but the replay's own audit record (who replayed what, and the summary), in the same transaction.
 */
@Stateless
public class Replays {

    @PersistenceContext(unitName = "mandate")
    EntityManager em;

    @Inject
    DecisionConfigurations configurations;

    @Inject
    EnvelopeReplayer replayer;

    @EJB
    AuditTrail audit;

    public Replay replay(Caller caller, ReplaySelection selection) {
        List<EnvelopeRecord> page;
        long total;
        if (selection.envelopeId() != null) {
            Envelope envelope = em.find(Envelope.class, selection.envelopeId());
            if (envelope == null || !envelope.tenantId().equals(caller.tenant())) {
                throw new ResourceNotFoundException("envelope", selection.envelopeId());
            }
            page = List.of(envelope.record());
            total = 1;
        } else {
            total = count(caller, selection);
            page = select(caller, selection);
        }
        boolean more = page.size() > selection.limit();
        if (more) {
            page = page.subList(0, selection.limit());
        }
        DecisionConfiguration configuration = configurations.of(caller.tenant());
        List<ReplayedEnvelope> replayed = replayer.replay(caller.tenant(), configuration, page);
        Replay.Summary summary = summary(replayed);
        String replayId = TimeOrderedIds.next();
        EnvelopeRecord last = page.isEmpty() ? null : page.get(page.size() - 1);
        audit.append(new AuditEntry(
                caller.tenant(),
                caller.subject(),
                null,
                selection.taskId(),
                null,
                "envelope.replayed",
                "OK",
                List.of(),
                null,
                configuration.policyVersion(),
                details(replayId, selection, total, summary)));
        return new Replay(
                replayId,
                configuration.policyVersion(),
                total,
                summary,
                replayed,
                more ? last.createdAt() : null,
                more ? last.id() : null);
    }

    private long count(Caller caller, ReplaySelection s) {
        TypedQuery<Long> query = em.createQuery("select count(e) from Envelope e" + where(s, false), Long.class);
        bind(query, caller, s, false);
        return query.getSingleResult();
    }

    private List<EnvelopeRecord> select(Caller caller, ReplaySelection s) {
        TypedQuery<Envelope> query = em.createQuery(
                "select e from Envelope e" + where(s, true) + " order by e.createdAt, e.id", Envelope.class);
        bind(query, caller, s, true);
        return query.setMaxResults(s.limit() + 1).getResultList().stream()
                .map(Envelope::record)
                .toList();
    }

    private static String where(ReplaySelection s, boolean paged) {
        StringBuilder where = new StringBuilder(" where e.tenantId = :tenant");
        if (s.taskId() != null) {
            where.append(" and e.taskId = :task");
        }
        if (s.agentId() != null) {
            where.append(" and e.agentId = :agent");
        }
        if (s.from() != null) {
            where.append(" and e.createdAt >= :from and e.createdAt < :to");
        }
        if (paged && s.afterAt() != null) {
            where.append(" and (e.createdAt > :afterAt or (e.createdAt = :afterAt and e.id > :afterId))");
        }
        return where.toString();
    }

    private static void bind(TypedQuery<?> query, Caller caller, ReplaySelection s, boolean paged) {
        query.setParameter("tenant", caller.tenant());
        if (s.taskId() != null) {
            query.setParameter("task", s.taskId());
        }
        if (s.agentId() != null) {
            query.setParameter("agent", s.agentId());
        }
        if (s.from() != null) {
            query.setParameter("from", s.from()).setParameter("to", s.to());
        }
        if (paged && s.afterAt() != null) {
            query.setParameter("afterAt", s.afterAt()).setParameter("afterId", s.afterId());
        }
    }

    private static Replay.Summary summary(List<ReplayedEnvelope> replayed) {
        int changed = 0;
        Map<String, Integer> now = new LinkedHashMap<>();
        Map<String, Integer> transitions = new TreeMap<>();
        for (ReplayedEnvelope r : replayed) {
            now.merge(r.now().decision(), 1, Integer::sum);
            if (r.changed()) {
                changed++;
            }
            if (!r.then().decision().equals(r.now().decision())) {
                transitions.merge(r.then().decision() + "->" + r.now().decision(), 1, Integer::sum);
            }
        }
        return new Replay.Summary(
                replayed.size(),
                changed,
                now.getOrDefault("ALLOW", 0),
                now.getOrDefault("DENY", 0),
                now.getOrDefault("REQUIRE_APPROVAL", 0),
                now.getOrDefault("ESCALATE", 0),
                now.getOrDefault("SHADOW", 0),
                now.getOrDefault("REFUSED", 0),
                transitions);
    }

    private static Map<String, String> details(String replayId, ReplaySelection s, long total, Replay.Summary summary) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("replayId", replayId);
        details.put("mode", s.mode());
        if (s.envelopeId() != null) {
            details.put("envelopeId", s.envelopeId());
        }
        if (s.agentId() != null) {
            details.put("agentId", s.agentId());
        }
        if (s.from() != null) {
            details.put("from", s.from().toString());
            details.put("to", s.to().toString());
        }
        details.put("matched", Long.toString(total));
        details.put("replayed", Integer.toString(summary.envelopes()));
        details.put("changed", Integer.toString(summary.changed()));
        details.put(
                "now",
                "ALLOW=" + summary.allowed() + " DENY=" + summary.denied() + " REQUIRE_APPROVAL="
                        + summary.requireApproval() + " ESCALATE=" + summary.escalated() + " SHADOW="
                        + summary.shadow() + " REFUSED=" + summary.refused());
        return details;
    }
}

package dev.mandate.approval.control;

import dev.mandate.approval.entity.ApprovalStatus;
import dev.mandate.approval.entity.ApprovalView;
import dev.mandate.platform.schema.DatabaseProduct;
import dev.mandate.platform.sql.Sql;
import dev.mandate.routing.control.ApprovalRouting;
import dev.mandate.routing.entity.OnExpiry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads approval requests with their routes and votes. */
@ApplicationScoped
public class ApprovalStore {

    static final String COLUMNS = "a.id, a.tenant_id, a.envelope_id, a.agent_id, a.sponsor, a.task_id, a.task_type,"
            + " a.tool_key, a.action_key, a.risk_class, a.arguments_hash, a.required_approvals, a.sponsor_may_approve,"
            + " a.sla_class, a.on_expiry, a.due_at, a.fallback, a.status, a.held_cost, a.model_calls, a.callback_url,"
            + " a.decided_at, a.decided_by, a.decision_reason, a.created_at";

    @Inject
    Sql sql;

    @Inject
    DatabaseProduct database;

    /** The tenant's request, or empty (another tenant's is as absent as one that does not exist). */
    public Optional<ApprovalView> view(String tenant, String id) {
        return sql.first(
                        "select " + COLUMNS + " from approval_request a where a.id = ? and a.tenant_id = ?",
                        ApprovalStore::row,
                        id,
                        tenant)
                .map(this::complete);
    }

    /**
     * The tenant's request, locked until the transaction ends: every vote, expiry and decision on one
     * request runs one after the other, so two approvers at the same instant make one decision.
     */
    public Optional<ApprovalView> locked(String tenant, String id) {
        return sql.first(
                        "select " + COLUMNS + " from approval_request a where a.id = ? and a.tenant_id = ? for update",
                        ApprovalStore::row,
                        id,
                        tenant)
                .map(this::complete);
    }

    /** A page of the tenant's requests, in due order after the cursor, with their routes and votes. */
    public List<ApprovalView> page(ApprovalQuery q) {
        StringBuilder where = new StringBuilder("a.tenant_id = ?");
        List<Object> params = new ArrayList<>();
        params.add(q.tenant());
        if (q.status() != null) {
            where.append(" and a.status = ?");
            params.add(q.status().name());
        }
        if (q.agentId() != null) {
            where.append(" and a.agent_id = ?");
            params.add(q.agentId());
        }
        if (q.taskType() != null) {
            where.append(" and a.task_type = ?");
            params.add(q.taskType());
        }
        if (q.riskClass() != null) {
            where.append(" and a.risk_class = ?");
            params.add(q.riskClass());
        }
        if (q.breached() != null) {
            where.append(q.breached() ? " and a.due_at < ?" : " and a.due_at >= ?");
            params.add(Instant.now());
        }
        if (q.decider() != null) {
            // a role routed to the request (the fallback ones once past its first due time) that the person holds,
            // an approver role whose permissions cover the action; never the agent, nor a barred sponsor
            where.append(" and exists (select 1 from approval_route rt join rbac_role r on r.tenant_id = a.tenant_id"
                    + " and r.name_lower = lower(rt.role_name) and r.approver = true join rbac_role_assignment s"
                    + " on s.role_id = r.id and s.principal_type = 'PERSON' and s.principal = ?"
                    + " where rt.approval_id = a.id and (rt.fallback = false or a.fallback = true) and exists"
                    + " (select 1 from rbac_role_permission p where p.role_id = r.id and p.tool = a.tool_key"
                    + " and (p.action = '*' or p.action = a.action_key))) and a.agent_id <> ?"
                    + " and (a.sponsor_may_approve = true or a.sponsor is null or lower(a.sponsor) <> lower(?))");
            params.add(q.decider());
            params.add(q.decider());
            params.add(q.decider());
        }
        if (q.afterDueAt() != null) {
            where.append(" and (a.due_at > ? or (a.due_at = ? and a.id > ?))");
            params.add(q.afterDueAt());
            params.add(q.afterDueAt());
            params.add(q.afterId());
        }
        List<ApprovalView> bare = sql.list(
                "select " + COLUMNS + " from approval_request a where " + where
                        + " order by a.due_at, a.id fetch first " + q.limit() + " rows only",
                ApprovalStore::row,
                params.toArray());
        return completeAll(bare);
    }

    /** What a page of requests is filtered by. {@code decider}: only what this person may decide. */
    public record ApprovalQuery(
            String tenant,
            ApprovalStatus status,
            String agentId,
            String taskType,
            String riskClass,
            Boolean breached,
            String decider,
            Instant afterDueAt,
            String afterId,
            int limit) {}

    private List<ApprovalView> completeAll(List<ApprovalView> bare) {
        if (bare.isEmpty()) {
            return bare;
        }
        Object[] ids = bare.stream().map(ApprovalView::id).toArray();
        String in = ApprovalRouting.marks(ids.length);
        Map<String, List<Object[]>> routes = new HashMap<>();
        sql.list(
                        "select approval_id, role_name, fallback from approval_route where approval_id in (" + in + ")"
                                + " order by role_name",
                        r -> new Object[] {r.getString(1), r.getString(2), r.getBoolean(3)},
                        ids)
                .forEach(r -> routes.computeIfAbsent((String) r[0], k -> new ArrayList<>())
                        .add(r));
        Map<String, List<ApprovalView.Vote>> votes = new HashMap<>();
        sql.list(
                        "select approval_id, approver, vote, role_name, reason, created_at from approval_vote"
                                + " where approval_id in (" + in + ") order by created_at, approver",
                        r -> new Object[] {
                            r.getString(1),
                            new ApprovalView.Vote(
                                    r.getString(2),
                                    r.getString(3),
                                    r.getString(4),
                                    r.getString(5),
                                    r.getObject(6, OffsetDateTime.class))
                        },
                        ids)
                .forEach(v -> votes.computeIfAbsent((String) v[0], k -> new ArrayList<>())
                        .add((ApprovalView.Vote) v[1]));
        return bare.stream()
                .map(a -> with(a, routes.getOrDefault(a.id(), List.of()), votes.getOrDefault(a.id(), List.of())))
                .toList();
    }

    /** Pending requests due before {@code now}, oldest due first, locked where the database can skip locked. */
    public List<String[]> due(Instant now, int limit) {
        return sql.list(
                "select id, tenant_id from approval_request where status = 'PENDING' and due_at <= ?"
                        + " order by due_at fetch first " + limit + " rows only"
                        + (database.isPostgres() ? " for update skip locked" : ""),
                r -> new String[] {r.getString(1), r.getString(2)},
                now);
    }

    /** Pending requests whose warning time has come and who have not been warned yet. */
    public List<ApprovalView> toWarn(Instant now, int limit) {
        return sql.list(
                "select " + COLUMNS + " from approval_request a where a.status = 'PENDING' and a.warned = false"
                        + " and a.warn_at <= ? fetch first " + limit + " rows only",
                ApprovalStore::row,
                now);
    }

    private ApprovalView complete(ApprovalView a) {
        List<Object[]> routes = sql.list(
                "select approval_id, role_name, fallback from approval_route where approval_id = ? order by role_name",
                r -> new Object[] {r.getString(1), r.getString(2), r.getBoolean(3)},
                a.id());
        List<ApprovalView.Vote> votes = sql.list(
                "select approver, vote, role_name, reason, created_at from approval_vote where approval_id = ?"
                        + " order by created_at, approver",
                r -> new ApprovalView.Vote(
                        r.getString(1),
                        r.getString(2),
                        r.getString(3),
                        r.getString(4),
                        r.getObject(5, OffsetDateTime.class)),
                a.id());
        return with(a, routes, votes);
    }

    private static ApprovalView with(ApprovalView a, List<Object[]> routes, List<ApprovalView.Vote> votes) {
        List<String> approvers = new ArrayList<>();
        List<String> fallback = new ArrayList<>();
        routes.forEach(route -> ((Boolean) route[2] ? fallback : approvers).add((String) route[1]));
        return new ApprovalView(
                a.id(),
                a.tenant(),
                a.envelopeId(),
                a.agentId(),
                a.sponsor(),
                a.taskId(),
                a.taskType(),
                a.tool(),
                a.action(),
                a.riskClass(),
                a.argumentsHash(),
                a.requiredApprovals(),
                a.sponsorMayApprove(),
                a.slaClass(),
                a.onExpiry(),
                a.dueAt(),
                a.fallback(),
                a.status(),
                a.heldCost(),
                a.modelCalls(),
                a.callbackUrl(),
                a.decidedAt(),
                a.decidedBy(),
                a.decisionReason(),
                a.createdAt(),
                approvers,
                fallback,
                votes);
    }

    static ApprovalView row(ResultSet r) throws SQLException {
        return new ApprovalView(
                r.getString(1),
                r.getString(2),
                r.getString(3),
                r.getString(4),
                r.getString(5),
                r.getString(6),
                r.getString(7),
                r.getString(8),
                r.getString(9),
                r.getString(10),
                r.getString(11),
                r.getInt(12),
                r.getBoolean(13),
                r.getString(14),
                OnExpiry.valueOf(r.getString(15)),
                r.getObject(16, OffsetDateTime.class),
                r.getBoolean(17),
                ApprovalStatus.valueOf(r.getString(18)),
                r.getBigDecimal(19),
                r.getInt(20),
                r.getString(21),
                r.getObject(22, OffsetDateTime.class),
                r.getString(23),
                r.getString(24),
                r.getObject(25, OffsetDateTime.class),
                List.of(),
                List.of(),
                List.of());
    }
}

package dev.mandate.labelling.control;

import dev.mandate.labelling.entity.LabelledExample;
import dev.mandate.platform.id.TimeOrderedIds;
import dev.mandate.platform.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Keeps people's judgements as labelled examples, in the transaction of the judgement itself. */
@ApplicationScoped
public class LabelledExamples {

    @Inject
    Sql sql;

    /** What a person judged about one envelope. */
    public record Judgement(
            String tenant,
            String source,
            String sourceId,
            String envelopeId,
            String humanAction,
            String reason,
            String editedArguments,
            String labelledBy) {}

    public void record(Judgement j) {
        sql.update(
                "insert into labelled_example (id, tenant_id, source, source_id, envelope_id, agent_id, task_type,"
                        + " tool_key, action_key, risk_class, machine_decision, human_action, reason, input_json,"
                        + " edited_arguments, labelled_by, created_at) select ?, e.tenant_id, ?, ?, e.id, e.agent_id,"
                        + " e.task_type, e.tool_key, e.action_key, e.risk_class, e.decision, ?, ?, e.request_json, ?, ?, ?"
                        + " from envelope e where e.id = ? and e.tenant_id = ?",
                TimeOrderedIds.next(),
                j.source(),
                j.sourceId(),
                j.humanAction(),
                j.reason(),
                j.editedArguments(),
                j.labelledBy(),
                OffsetDateTime.now(ZoneOffset.UTC),
                j.envelopeId(),
                j.tenant());
    }

    /** The tenant's examples, newest first, after the cursor's (id) where given. */
    public java.util.List<LabelledExample> page(
            String tenant, String source, String taskType, String beforeId, int limit) {
        StringBuilder where = new StringBuilder("tenant_id = ?");
        java.util.List<Object> params = new java.util.ArrayList<>();
        params.add(tenant);
        if (source != null) {
            where.append(" and source = ?");
            params.add(source);
        }
        if (taskType != null) {
            where.append(" and task_type = ?");
            params.add(taskType);
        }
        if (beforeId != null) {
            where.append(" and id < ?");
            params.add(beforeId);
        }
        return sql.list(
                "select id, tenant_id, source, source_id, envelope_id, agent_id, task_type, tool_key, action_key,"
                        + " risk_class, machine_decision, human_action, reason, input_json, edited_arguments,"
                        + " labelled_by, created_at from labelled_example where " + where
                        + " order by id desc fetch first " + limit + " rows only",
                r -> new LabelledExample(
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
                        r.getString(12),
                        r.getString(13),
                        r.getString(14),
                        r.getString(15),
                        r.getString(16),
                        r.getObject(17, OffsetDateTime.class)),
                params.toArray());
    }
}

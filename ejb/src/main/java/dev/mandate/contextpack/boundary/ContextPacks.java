package dev.mandate.contextpack.boundary;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.authority.boundary.AuthorityCards;
import dev.mandate.platform.json.JsonStrings;
import dev.mandate.platform.security.Caller;
import dev.mandate.platform.sql.Sql;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a person needs to decide about one envelope, on one page: the action in plain words, the arguments,
 * the agent's evidence and citations, the rules that fired and why, the agent's authority card, its recent
 * history on the same task type, and the budget state.
 */
@Stateless
public class ContextPacks {

    static final int HISTORY = 20;

    @Inject
    Sql sql;

    @EJB
    AuthorityCards cards;

    /** A recent envelope of the agent on the task type, with what people did about it. */
    public record Recent(String envelopeId, String decision, String human, OffsetDateTime at) {}

    /** The pack, plus how people decided the agent's recent envelopes of this task type. */
    public record Pack(JsonObject json, List<Recent> history) {
        public long count(String human) {
            return history.stream().filter(r -> human.equals(r.human())).count();
        }
    }

    public Pack of(Caller caller, String envelopeId) {
        Object[] e = sql.first(
                        "select e.agent_id, e.task_type, e.tool_key, e.action_key, e.risk_class, e.decision, e.reasons,"
                                + " e.rule_ids, e.request_json, e.explain_json, e.created_at, a.name from envelope e"
                                + " join agent a on a.id = e.agent_id where e.id = ? and e.tenant_id = ?",
                        r -> new Object[] {
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
                            r.getObject(11, OffsetDateTime.class),
                            r.getString(12)
                        },
                        envelopeId,
                        caller.tenant())
                .orElseThrow(() -> new dev.mandate.platform.error.ResourceNotFoundException("envelope", envelopeId));
        String agentId = (String) e[0];
        String taskType = (String) e[1];
        JsonObject request = JsonStrings.object((String) e[8]);
        JsonObject explain = JsonStrings.object((String) e[9]);
        JsonObjectBuilder pack = JSON.createObjectBuilder()
                .add(
                        "action",
                        "Agent '" + e[11] + "' asks to run " + e[2] + ":" + e[3] + " (" + e[4] + ") for task '"
                                + request.getString("taskId", "") + "' of type " + taskType + "; decided "
                                + e[5])
                .add("arguments", request.getJsonObject("requestedAction").getJsonObject("arguments"));
        if (request.containsKey("evidence")) {
            pack.add("evidence", request.get("evidence"));
        } else {
            pack.add("evidence", JSON.createArrayBuilder());
        }
        copy(request, pack, "reasoningSummary");
        copy(request, pack, "confidence");
        copy(request, pack, "onBehalfOf");
        pack.add(
                "rules",
                JSON.createObjectBuilder()
                        .add("decision", (String) e[5])
                        .add(
                                "reasons",
                                JSON.createReader(new java.io.StringReader((String) e[6]))
                                        .readArray())
                        .add(
                                "ruleIds",
                                JSON.createReader(new java.io.StringReader((String) e[7]))
                                        .readArray())
                        .add("explanation", explain));
        JsonObject card = cards.card(caller, agentId);
        pack.add("authorityCard", card);
        if (card.containsKey("budgetRemaining")) {
            pack.add("budget", card.get("budgetRemaining"));
        }
        List<Recent> history = history(caller.tenant(), agentId, taskType, envelopeId);
        JsonArrayBuilder recent = JSON.createArrayBuilder();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Recent r : history) {
            JsonObjectBuilder one = JSON.createObjectBuilder()
                    .add("envelopeId", r.envelopeId())
                    .add("decision", r.decision())
                    .add("at", r.at().toString());
            if (r.human() != null) {
                one.add("human", r.human());
                counts.merge(r.human(), 1, Integer::sum);
            }
            counts.merge(r.decision(), 1, Integer::sum);
            recent.add(one);
        }
        JsonObjectBuilder countJson = JSON.createObjectBuilder();
        counts.forEach(countJson::add);
        pack.add(
                "recentHistory",
                JSON.createObjectBuilder()
                        .add("taskType", taskType)
                        .add("envelopes", recent)
                        .add("counts", countJson));
        return new Pack(pack.build(), history);
    }

    private List<Recent> history(String tenant, String agentId, String taskType, String except) {
        return sql.list(
                "select e.id, e.decision, (select l.human_action from labelled_example l where l.envelope_id = e.id"
                        + " order by l.id desc fetch first 1 rows only), e.created_at from envelope e"
                        + " where e.tenant_id = ? and e.agent_id = ? and e.task_type = ? and e.id <> ?"
                        + " order by e.created_at desc fetch first " + HISTORY + " rows only",
                r -> new Recent(r.getString(1), r.getString(2), r.getString(3), r.getObject(4, OffsetDateTime.class)),
                tenant,
                agentId,
                taskType,
                except);
    }

    private static void copy(JsonObject from, JsonObjectBuilder to, String member) {
        if (from.containsKey(member)) {
            to.add(member, from.get(member));
        }
    }
}

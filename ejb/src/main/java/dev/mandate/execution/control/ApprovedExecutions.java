package dev.mandate.execution.control;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.catalog.entity.ConnectorDefinition;
import dev.mandate.execution.entity.QueuedExecution;
import dev.mandate.platform.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Optional;

/**
 * Queues an envelope that people cleared (approved, or resolved to execute) for execution with exactly the
 * arguments the envelope carries, in the person's transaction: the decision to act and the request to act
 * commit together, as for an allowed decision. Once only: the execution's id is the envelope's.
 */
@ApplicationScoped
public class ApprovedExecutions {

    @Inject
    ExecutionOutbox outbox;

    @Inject
    ConnectorLookup connectors;

    @Inject
    Sql sql;

    /** Empty where the action has no connector (nothing to execute through the proxy). */
    public Optional<QueuedExecution> queue(Sql.Writes writes, String tenant, String envelopeId) {
        Optional<Object[]> envelope = sql.first(
                "select agent_id, task_id, trace_id, tool_key, action_key, request_json, trace_parent from envelope"
                        + " where id = ? and tenant_id = ?",
                r -> new Object[] {
                    r.getString(1),
                    r.getString(2),
                    r.getString(3),
                    r.getString(4),
                    r.getString(5),
                    r.getString(6),
                    r.getString(7)
                },
                envelopeId,
                tenant);
        if (envelope.isEmpty()) {
            return Optional.empty();
        }
        Object[] e = envelope.get();
        Optional<ConnectorDefinition> connector = connectors.current(tenant, (String) e[3], (String) e[4]);
        if (connector.isEmpty()) {
            return Optional.empty();
        }
        JsonObject request = JSON.createReader(new StringReader((String) e[5])).readObject();
        return Optional.of(outbox.queue(
                writes,
                new ExecutionOutbox.Allowed(
                        tenant,
                        envelopeId,
                        (String) e[0],
                        (String) e[1],
                        (String) e[2],
                        (String) e[6],
                        (String) e[3],
                        (String) e[4],
                        request.getString("onBehalfOf", null),
                        request.getJsonObject("requestedAction").getJsonObject("arguments"),
                        connector.get(),
                        request.getString("callbackUrl", null))));
    }

    /** Whether the envelope already has an execution. */
    public boolean exists(String tenant, String envelopeId) {
        return sql.first(
                        "select id from execution where envelope_id = ? and tenant_id = ?",
                        r -> r.getString(1),
                        envelopeId,
                        tenant)
                .isPresent();
    }
}

package dev.mandate.alert.control;

import dev.mandate.platform.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;

/**
 * One scheduled evaluation at a time across servers: every server's timer fires for a slot (the time
 * truncated to the interval), and the server whose conditional update moves the one row's slot forward to it
 * runs the evaluation; the others find the slot taken and skip it.
 */
@ApplicationScoped
public class EvaluationSlot {

    @Inject
    Sql sql;

    /** Takes the slot for this server in a transaction of its own; false when another server has it. */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean take(Instant slot, String serverId) {
        return sql.update(
                        "update alert_evaluation_slot set slot = ?, server_id = ?, taken_at = ? where id = 1 and slot < ?",
                        slot,
                        serverId,
                        Instant.now(),
                        slot)
                == 1;
    }
}

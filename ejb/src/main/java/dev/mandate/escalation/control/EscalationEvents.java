package dev.mandate.escalation.control;

import dev.mandate.escalation.entity.EscalationView;
import dev.mandate.platform.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Tells the tenant's webhooks (and the agent's callback) what happens to escalation items. */
@ApplicationScoped
public class EscalationEvents {

    public void created(Sql.Writes writes, String tenant, String id, String envelopeId, String slaClass, Instant due) {}

    public void warning(Sql.Writes writes, EscalationView item) {}

    public void breached(Sql.Writes writes, EscalationView item) {}

    public void resolved(Sql.Writes writes, EscalationView item) {}
}

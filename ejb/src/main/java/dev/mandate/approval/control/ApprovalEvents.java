package dev.mandate.approval.control;

import dev.mandate.approval.entity.ApprovalStatus;
import dev.mandate.approval.entity.ApprovalView;
import dev.mandate.platform.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Tells the tenant's webhooks (and the agent's callback) what happens to approval requests. */
@ApplicationScoped
public class ApprovalEvents {

    public void created(Sql.Writes writes, String tenant, String id, String envelopeId, String slaClass, Instant due) {}

    public void warning(Sql.Writes writes, ApprovalView approval) {}

    public void breached(Sql.Writes writes, ApprovalView approval, String then) {}

    public void decided(Sql.Writes writes, ApprovalView approval, ApprovalStatus status, String by, String reason) {}
}

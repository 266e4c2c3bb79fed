package dev.mandate.execution.control;

import dev.mandate.platform.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Whether a kill switch stops an execution now, read from the database itself (not a cache): a switch
 * turned on stops every attempt not yet sent, on every server.
 */
@ApplicationScoped
public class KillSwitchCheck {

    @Inject
    Sql sql;

    /** The switch that stops it, described, or empty. */
    public Optional<String> stopping(String tenant, String agentId, String tool) {
        return sql.first(
                "select scope, target, reason from kill_switch where active = true and (scope = 'GLOBAL'"
                        + " or (tenant_id = ? and (scope = 'TENANT' or (scope = 'AGENT' and target = ?)"
                        + " or (scope = 'TOOL' and target = ?)))) fetch first 1 rows only",
                row -> row.getString(1)
                        + ("GLOBAL".equals(row.getString(1)) || "TENANT".equals(row.getString(1))
                                ? ""
                                : " " + row.getString(2))
                        + " (" + row.getString(3) + ")",
                tenant,
                agentId,
                tool);
    }
}

package dev.mandate.jobs.execution.control;

import dev.mandate.platform.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.UUID;

/**
 * This server as the job tables name it, {@code instance@host/boot}: the Payara instance, the host, and a
 * part new on every start, so the executions of a server's previous life are told from its own. Its
 * heartbeat in {@code job_server} tells the other servers it still runs its executions.
 */
@ApplicationScoped
public class JobServer {

    static final int MAX_ID_CHARS = 200;

    private final String prefix = prefix(
            System.getProperty("com.sun.aas.instanceName", "server"),
            ManagementFactory.getRuntimeMXBean().getName());

    private final String id = prefix + UUID.randomUUID().toString().substring(0, 8);

    private final Instant started = Instant.now();

    @Inject
    Sql sql;

    public String id() {
        return id;
    }

    /** Whether {@code serverId} is this server in an earlier life: the same instance on the same host. */
    public boolean isEarlierLifeOfThisServer(String serverId) {
        return serverId.startsWith(prefix) && !serverId.equals(id);
    }

    /** Writes this server's heartbeat; outside a transaction, each statement commits on its own. */
    public void beat(Instant now) {
        if (sql.update("update job_server set heartbeat_at = ? where server_id = ?", now, id) == 0) {
            sql.update(
                    "insert into job_server (server_id, started_at, heartbeat_at) values (?, ?, ?)", id, started, now);
        }
    }

    /** {@code instance@host/}, at most {@value #MAX_ID_CHARS} characters with the boot part. */
    static String prefix(String instance, String pidAtHost) {
        int at = pidAtHost.indexOf('@');
        String host = at < 0 ? pidAtHost : pidAtHost.substring(at + 1);
        String prefix = instance + "@" + host + "/";
        return prefix.length() <= MAX_ID_CHARS - 8 ? prefix : prefix.substring(0, MAX_ID_CHARS - 9) + "/";
    }
}

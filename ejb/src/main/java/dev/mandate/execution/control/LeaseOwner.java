package dev.mandate.execution.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.util.UUID;

/** This server's name on the leases it holds: unique per start, so a restarted server holds none. */
@ApplicationScoped
public class LeaseOwner {

    private final String id = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);

    public String id() {
        return id.length() <= 100 ? id : id.substring(id.length() - 100);
    }
}

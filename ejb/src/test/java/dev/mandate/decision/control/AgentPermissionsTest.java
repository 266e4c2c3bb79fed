package dev.mandate.decision.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.rbac.entity.Grants;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AgentPermissionsTest {

    @Test
    void eachAgentsGrantsAreReadOncePerGeneration() {
        AgentPermissions permissions = new AgentPermissions();
        AtomicInteger reads = new AtomicInteger();
        Grants clerk = Grants.of(List.of(new Grants.Grant("ap-clerk", "erp", "match_po")));

        Grants first = permissions.of("agent-1", id -> {
            reads.incrementAndGet();
            return clerk;
        });
        Grants again = permissions.of("agent-1", id -> {
            reads.incrementAndGet();
            return Grants.NONE;
        });
        permissions.of("agent-2", id -> {
            reads.incrementAndGet();
            return Grants.NONE;
        });

        assertThat(first).isSameAs(clerk);
        assertThat(again).isSameAs(clerk);
        assertThat(reads).hasValue(2);
    }
}

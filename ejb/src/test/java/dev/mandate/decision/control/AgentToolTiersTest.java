package dev.mandate.decision.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mandate.agent.entity.AuthorityTier;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AgentToolTiersTest {

    @Test
    void eachAgentsOverridesAreReadOncePerGeneration() {
        AgentToolTiers tiers = new AgentToolTiers();
        AtomicInteger reads = new AtomicInteger();
        Map<String, AuthorityTier> first = tiers.of("agent-1", id -> {
            reads.incrementAndGet();
            return Map.of("erp", AuthorityTier.READ_ONLY);
        });
        Map<String, AuthorityTier> again = tiers.of("agent-1", id -> {
            reads.incrementAndGet();
            return Map.of();
        });
        tiers.of("agent-2", id -> {
            reads.incrementAndGet();
            return Map.of();
        });

        assertThat(first).containsExactly(Map.entry("erp", AuthorityTier.READ_ONLY));
        assertThat(again).isEqualTo(first);
        assertThat(reads).hasValue(2);
    }

    @Test
    void whatItKeepsCannotBeChangedByTheReader() {
        AgentToolTiers tiers = new AgentToolTiers();
        Map<String, AuthorityTier> read = new HashMap<>(Map.of("erp", AuthorityTier.AUTONOMOUS));
        Map<String, AuthorityTier> kept = tiers.of("agent-1", id -> read);
        read.put("mail", AuthorityTier.AUTONOMOUS);

        assertThat(tiers.of("agent-1", id -> Map.of())).isEqualTo(kept).doesNotContainKey("mail");
        assertThatThrownBy(() -> kept.put("mail", AuthorityTier.READ_ONLY))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void beyondItsLimitAgentsAreReadEveryTime() {
        AgentToolTiers tiers = new AgentToolTiers();
        for (int i = 0; i < AgentToolTiers.MAX_AGENTS; i++) {
            tiers.of("agent-" + i, id -> Map.of());
        }
        AtomicInteger reads = new AtomicInteger();
        tiers.of("one-more", id -> {
            reads.incrementAndGet();
            return Map.of("erp", AuthorityTier.SUGGEST_ONLY);
        });
        Map<String, AuthorityTier> second = tiers.of("one-more", id -> {
            reads.incrementAndGet();
            return Map.of("erp", AuthorityTier.READ_ONLY);
        });

        assertThat(reads).hasValue(2);
        assertThat(second).containsEntry("erp", AuthorityTier.READ_ONLY);
    }
}

package dev.mandate.audit.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChainShardsTest {

    @Test
    void theSameAgentAlwaysGoesToTheSameChainWhoeverActs() {
        int shard = ChainShards.shard("agent-42", "alice", 8);
        assertThat(ChainShards.shard("agent-42", "bob", 8)).isEqualTo(shard);
        assertThat(shard).isBetween(0, 7);
    }

    @Test
    void withoutAnAgentTheActorDecides() {
        assertThat(ChainShards.shard(null, "alice", 8)).isEqualTo(ChainShards.shard("", "alice", 8));
        assertThat(ChainShards.shard(null, "alice", 8)).isBetween(0, 7);
    }

    @Test
    void agentsSpreadOverTheChains() {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < 800; i++) {
            counts.merge(ChainShards.shard("agent-" + i, "x", 8), 1, Integer::sum);
        }
        assertThat(counts).hasSize(8);
        assertThat(counts.values()).allMatch(count -> count > 60 && count < 140);
    }

    @Test
    void oneChainIsAllowedNothingElseOutOfRange() {
        assertThat(ChainShards.shard("a", "b", 1)).isZero();
        assertThatThrownBy(() -> ChainShards.shard("a", "b", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChainShards.shard("a", "b", 5000)).isInstanceOf(IllegalArgumentException.class);
    }
}

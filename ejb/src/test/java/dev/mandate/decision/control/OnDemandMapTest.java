package dev.mandate.decision.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OnDemandMapTest {

    @Test
    void computesOnFirstUseOnlyAndThenAnswersFromTheKeptValues() {
        AtomicInteger computed = new AtomicInteger();
        OnDemandMap map = new OnDemandMap(() -> {
            computed.incrementAndGet();
            return Map.of("agent_minute", 3L, "agent_hour", 40L);
        });
        assertThat(computed).hasValue(0);

        assertThat(map.get("agent_minute")).isEqualTo(3L);
        assertThat(map.containsKey("agent_hour")).isTrue();
        assertThat(map).hasSize(2).containsEntry("agent_hour", 40L);
        assertThat(map.get("missing")).isNull();
        assertThat(computed).hasValue(1);
    }
}

package dev.mandate.policy.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.policy.entity.PolicyEffect;
import dev.mandate.policy.entity.RuleKind;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class PolicyCacheTest {

    @Test
    void anEntryServesOnlyItsOwnVersionAndNeverGoesBack() {
        PolicyCache cache = new PolicyCache();
        CompiledPolicySet v2 = new CompiledPolicySet("2", List.of());
        CompiledPolicySet v3 = new CompiledPolicySet("3", List.of());
        cache.put("t", v2);
        assertThat(cache.get("t", "2")).isSameAs(v2);
        assertThat(cache.get("t", "3")).isNull();
        assertThat(cache.get("other", "2")).isNull();
        cache.put("t", v3);
        cache.put("t", v2); // a slow reader of the old version does not evict the newer set
        assertThat(cache.get("t", "3")).isSameAs(v3);
        assertThat(cache.get("t", "2")).isNull();
    }

    @Test
    void oneCompiledSetServesConcurrentEvaluations() throws Exception {
        CompiledPolicySet rules = Rules.set(
                "1",
                Rules.template(
                        "cap",
                        RuleKind.AMOUNT_CAP,
                        Map.of("path", "amount", "max", 100),
                        PolicyEffect.REQUIRE_APPROVAL),
                Rules.expression("pii", 2, "'pii' in context.labels", PolicyEffect.ESCALATE));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                long amount = i;
                results.add(pool.submit(() -> {
                    PolicyOutcome outcome = rules.evaluate(Rules.input(Map.of("amount", amount)));
                    return outcome.effect() == (amount > 100 ? PolicyEffect.REQUIRE_APPROVAL : null)
                            && outcome.errors().isEmpty();
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aKnownVersionIsNotReadAgainAndAnyOtherIs() {
        PolicyCache cache = new PolicyCache();
        CompiledPolicySet v2 = new CompiledPolicySet("2", List.of());
        CompiledPolicySet v3 = new CompiledPolicySet("3", List.of());
        cache.put("acme", v2);

        assertThat(cache.getOrRead("acme", "2", () -> {
                    throw new AssertionError("version 2 is known");
                }))
                .isSameAs(v2);
        assertThat(cache.getOrRead("acme", "3", () -> v3)).isSameAs(v3);
        assertThat(cache.getOrRead("other", "2", () -> v3)).isSameAs(v3);
    }
}

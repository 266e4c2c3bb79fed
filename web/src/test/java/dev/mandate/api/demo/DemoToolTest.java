package dev.mandate.api.demo;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

class DemoToolTest {

    private final DemoToolStore store = new DemoToolStore();
    private final DemoTool erp = store.tool("erp").orElseThrow();

    private DemoTool.Outcome pay(String key) {
        return erp.act(key, k -> store.record("erp", k, "POST", "/demo-tools/erp/payments", JsonValue.NULL));
    }

    @Test
    void aKeyTakesEffectOnceAndItsLaterAttemptsReplayTheAnswer() {
        DemoTool.Outcome first = pay("k1");
        DemoTool.Outcome again = pay("k1");

        assertThat(first.replayed()).isFalse();
        assertThat(again.replayed()).isTrue();
        assertThat(again.answer()).isEqualTo(first.answer());
        assertThat(erp.effects()).isEqualTo(1);
        assertThat(erp.attempts("k1")).isEqualTo(2);
        assertThat(erp.answerFor("k1")).isEqualTo(first.answer());
        assertThat(erp.answerFor("other")).isNull();
    }

    @Test
    void withoutAKeyOrWhereKeysAreIgnoredEveryAttemptTakesEffect() {
        pay(null);
        pay(null);
        erp.behave(new DemoBehaviour(0, 0, 503, 1, 0, 0, 0, false, false));
        pay("k2");
        pay("k2");

        assertThat(erp.effects()).isEqualTo(4);
        assertThat(erp.answerFor("k2")).isNull();
        assertThat(store.effects("erp").getJsonArray("items")).hasSize(4);
    }

    @Test
    void failuresAndHangsAreCountedDown() {
        erp.behave(new DemoBehaviour(0, 2, 429, 1, 1, 10, 0, false, true));

        assertThat(erp.takeFailure()).isEqualTo(429);
        assertThat(erp.takeFailure()).isEqualTo(429);
        assertThat(erp.takeFailure()).isZero();
        assertThat(pay("k3").hang()).isTrue();
        assertThat(pay("k4").hang()).isFalse();
    }

    @Test
    void theLogListsEffectsNewestFirstWithHowOftenTheirKeyWasTried() {
        pay("a");
        pay("b");
        pay("b");
        store.tool("kb").orElseThrow().read();

        var items = store.effects(null).getJsonArray("items");
        assertThat(items).hasSize(2);
        assertThat(items.getJsonObject(0).getString("key")).isEqualTo("b");
        assertThat(items.getJsonObject(0).getInt("attempts")).isEqualTo(2);
        assertThat(items.getJsonObject(1).getString("effectId")).startsWith("erp-");
        assertThat(store.effects("kb").getJsonArray("items")).isEmpty();
        assertThat(store.tools().getJsonObject("kb").getInt("reads")).isEqualTo(1);
    }

    @Test
    void onlyTheNewestKeysAreRemembered() {
        pay("oldest");
        for (int i = 0; i < DemoTool.MAX_KEYS; i++) {
            pay("k" + i);
        }

        assertThat(erp.answerFor("oldest")).isNull();
        assertThat(erp.answerFor("k0")).isNotNull();
    }

    @Test
    void theNumberOfToolsIsBounded() {
        for (int i = 0; i < DemoToolStore.MAX_TOOLS + 5; i++) {
            store.tool("t" + i);
        }
        assertThat(store.tool("one-too-many")).isEmpty();
        assertThat(store.tool("erp")).isPresent();
    }
}

package dev.mandate.api.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mandate.platform.error.Violation;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class DemoBehaviourTest {

    private static JsonValue json(String text) {
        return Json.createReader(new StringReader(text)).readValue();
    }

    @Test
    void missingFieldsAreTheWellBehavedDefault() throws Exception {
        assertThat(DemoBehaviour.from(json("{}"))).isEqualTo(DemoBehaviour.NORMAL);
        assertThat(DemoBehaviour.NORMAL.honourKeys()).isTrue();
    }

    @Test
    void readsEveryKnob() throws Exception {
        DemoBehaviour behaviour = DemoBehaviour.from(json("{\"delayMillis\":250,\"failNext\":2,\"failStatus\":429,"
                + "\"hangAfterEffect\":1,\"hangMillis\":5000,\"hugeBodyBytes\":1e6,\"invalidJson\":true,"
                + "\"honourKeys\":false}"));

        assertThat(behaviour).isEqualTo(new DemoBehaviour(250, 2, 429, 1, 1, 5000, 1_000_000, true, false));
        assertThat(DemoBehaviour.from(behaviour.toJson())).isEqualTo(behaviour);
    }

    @Test
    void refusesEveryWrongFieldAtOnce() {
        assertThatThrownBy(() -> DemoBehaviour.from(json("{\"delayMillis\":-1,\"failStatus\":200,\"hangMillis\":1.5,"
                        + "\"hugeBodyBytes\":1e400,\"honourKeys\":\"yes\",\"explode\":true}")))
                .isInstanceOfSatisfying(DemoBehaviour.InvalidBehaviour.class, e -> assertThat(e.violations())
                        .extracting(Violation::field)
                        .containsExactlyInAnyOrder(
                                "delayMillis", "failStatus", "hangMillis", "hugeBodyBytes", "honourKeys", "explode"));
    }

    @Test
    void refusesWhatIsNoObject() {
        assertThatThrownBy(() -> DemoBehaviour.from(json("[1]")))
                .isInstanceOfSatisfying(DemoBehaviour.InvalidBehaviour.class, e -> assertThat(e.violations())
                        .extracting(Violation::field)
                        .containsExactly("body"));
        assertThatThrownBy(() -> DemoBehaviour.from(null)).isInstanceOf(DemoBehaviour.InvalidBehaviour.class);
    }
}

package dev.mandate.decision.control;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class LowConfidenceTest {

    private static final BigDecimal THRESHOLD = new BigDecimal("0.7000");

    @Test
    void withoutAThresholdNothingIsAsked() {
        assertThat(DecisionFactsReader.lowConfidence(null, envelope("0.1"))).isNull();
    }

    @Test
    void atOrAboveTheThresholdTheActionProceeds() {
        assertThat(DecisionFactsReader.lowConfidence(THRESHOLD, envelope("0.7")))
                .isNull();
        assertThat(DecisionFactsReader.lowConfidence(THRESHOLD, envelope("0.70")))
                .isNull();
        assertThat(DecisionFactsReader.lowConfidence(THRESHOLD, envelope("1"))).isNull();
    }

    @Test
    void belowItOrWithoutAConfidenceAPersonDecides() {
        assertThat(DecisionFactsReader.lowConfidence(THRESHOLD, envelope("0.69")))
                .isEqualTo("0.69 is below the task type's 0.7");
        assertThat(DecisionFactsReader.lowConfidence(
                        THRESHOLD, Json.createObjectBuilder().build()))
                .startsWith("no confidence reported");
        JsonObject text = Json.createObjectBuilder().add("confidence", "0.9").build();
        assertThat(DecisionFactsReader.lowConfidence(THRESHOLD, text)).startsWith("no confidence reported");
    }

    private static JsonObject envelope(String confidence) {
        return Json.createObjectBuilder()
                .add("confidence", new BigDecimal(confidence))
                .build();
    }
}

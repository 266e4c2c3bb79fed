package dev.mandate.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tracing off: one shared step that does nothing, and nothing to pass on. */
class TracingTest {

    @Test
    void offEveryStepIsTheSharedNoOpAndNothingIsCurrent() {
        Tracing tracing = new Tracing();

        assertThat(tracing.on()).isFalse();
        assertThat(tracing.start("mandate.decision")).isSameAs(Step.OFF);
        assertThat(tracing.entry("mandate.envelope", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"))
                .isSameAs(Step.OFF);
        assertThat(tracing.start("execute_tool erp", SpanKind.INTERNAL, null, List.of()))
                .isSameAs(Step.OFF);
        assertThat(tracing.current()).isSameAs(Step.OFF);
        assertThat(tracing.traceparent()).isNull();
        assertThat(tracing.traceId()).isNull();
    }

    @Test
    void theNoOpStepRecordsNothingAndNamesNoSpan() {
        try (Step step = Step.OFF) {
            assertThat(step.set(SpanAttributes.TENANT, "t1")
                            .set(SpanAttributes.EXECUTION_ATTEMPT, 2L)
                            .set(SpanAttributes.KILL_SWITCH_ACTIVE, true)
                            .setList(SpanAttributes.RULE_IDS, List.of("r1"))
                            .failed("IOException"))
                    .isSameAs(Step.OFF);
            assertThat(step.recording()).isFalse();
            assertThat(step.traceparent()).isNull();
            assertThat(step.traceId()).isNull();
        }
    }
}

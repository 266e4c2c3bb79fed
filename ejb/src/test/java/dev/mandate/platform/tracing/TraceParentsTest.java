package dev.mandate.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanContext;
import org.junit.jupiter.api.Test;

class TraceParentsTest {

    private static final String VALID = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @Test
    void aValidTraceparentIsReadAndWrittenBackAsItWas() {
        SpanContext span = TraceParents.parse(VALID);

        assertThat(span.getTraceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(span.getSpanId()).isEqualTo("b7ad6b7169203331");
        assertThat(span.isSampled()).isTrue();
        assertThat(span.isRemote()).isTrue();
        assertThat(TraceParents.of(span)).isEqualTo(VALID);
        assertThat(TraceParents.parse(" " + VALID.replace("-01", "-00") + " ").isSampled())
                .isFalse();
    }

    @Test
    void anythingElseIsNoParent() {
        assertThat(TraceParents.parse(null)).isNull();
        assertThat(TraceParents.parse("")).isNull();
        assertThat(TraceParents.parse("00-" + "0".repeat(32) + "-b7ad6b7169203331-01"))
                .isNull();
        assertThat(TraceParents.parse("00-0af7651916cd43dd8448eb211c80319c-" + "0".repeat(16) + "-01"))
                .isNull();
        assertThat(TraceParents.parse("01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"))
                .isNull();
        assertThat(TraceParents.parse("00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01"))
                .isNull();
        assertThat(TraceParents.parse(VALID + "-extra")).isNull();
        assertThat(TraceParents.of(SpanContext.getInvalid())).isNull();
    }

    @Test
    void anUnrecordedTraceKeepsTheTraceIdWithASpanIdOfItsOwn() {
        String first = TraceParents.unrecorded("0af7651916cd43dd8448eb211c80319c");
        String second = TraceParents.unrecorded("0af7651916cd43dd8448eb211c80319c");

        assertThat(first).matches("00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01");
        assertThat(first).isNotEqualTo(second);
        assertThat(TraceParents.parse(first)).isNotNull();
    }
}

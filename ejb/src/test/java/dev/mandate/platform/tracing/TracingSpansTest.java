package dev.mandate.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tracing on, against the SDK the server runs (1.29.0), recording in memory. */
class TracingSpansTest {

    private static final String CALLER = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exported))
            .build();
    private final Tracing tracing = new Tracing(provider.get("dev.mandate"));

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void anEntryContinuesTheCallersTraceAndStepsNestUnderIt() {
        String entryParent;
        try (Step envelope = tracing.entry("mandate.envelope", CALLER)) {
            assertThat(envelope.traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
            try (Step decision = tracing.start("mandate.decision")) {
                decision.set(SpanAttributes.DECISION, "ALLOW").setList(SpanAttributes.RULE_IDS, List.of("r1", "r2"));
                try (Step tier = tracing.start("mandate.decision.tier")) {
                    tier.set(SpanAttributes.TIER, "AUTONOMOUS");
                }
                assertThat(tracing.traceparent()).isEqualTo(decision.traceparent());
            }
            entryParent = envelope.traceparent();
        }

        SpanData envelope = span("mandate.envelope");
        SpanData decision = span("mandate.decision");
        SpanData tier = span("mandate.decision.tier");
        assertThat(envelope.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(envelope.getParentSpanId()).isEqualTo("b7ad6b7169203331");
        assertThat(decision.getParentSpanId()).isEqualTo(envelope.getSpanId());
        assertThat(tier.getParentSpanId()).isEqualTo(decision.getSpanId());
        assertThat(decision.getAttributes().get(SpanAttributes.RULE_IDS)).containsExactly("r1", "r2");
        assertThat(tier.getAttributes().get(SpanAttributes.TIER)).isEqualTo("AUTONOMOUS");
        assertThat(entryParent).isEqualTo("00-0af7651916cd43dd8448eb211c80319c-" + envelope.getSpanId() + "-01");
        assertThat(tracing.traceparent()).as("nothing current once closed").isNull();
    }

    @Test
    void aRequestSpanIsNotCurrentAndEndsOnWhicheverThreadTheAnswerLeaves() throws InterruptedException {
        Step request = tracing.request("POST /api/v1/envelopes", CALLER);
        assertThat(tracing.traceparent()).as("not current").isNull();
        try (Step authenticate = tracing.start("mandate.authenticate", request)) {
            assertThat(tracing.traceparent()).isEqualTo(authenticate.traceparent());
        }
        try (Step envelope = tracing.entry("mandate.envelope", CALLER, request)) {
            assertThat(envelope.traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        }
        Thread answer = new Thread(request::close);
        answer.start();
        answer.join();

        SpanData server = span("POST /api/v1/envelopes");
        assertThat(server.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(server.getParentSpanId()).isEqualTo("b7ad6b7169203331");
        assertThat(span("mandate.authenticate").getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(span("mandate.envelope").getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(tracing.traceparent()).isNull();
    }

    @Test
    void withoutATraceparentAnEntryStartsATraceOfItsOwn() {
        try (Step envelope = tracing.entry("mandate.envelope", "not a traceparent")) {
            assertThat(envelope.traceId()).matches("[0-9a-f]{32}");
        }
        assertThat(span("mandate.envelope").getParentSpanContext().isValid()).isFalse();
    }

    @Test
    void laterWorkContinuesAStoredSpanOrLinksToIt() {
        String decided;
        try (Step decision = tracing.entry("mandate.decision", CALLER)) {
            decided = decision.traceparent();
        }
        try (Step attempt = tracing.start("execute_tool erp", SpanKind.INTERNAL, decided, List.of())) {
            tracing.current().set(SpanAttributes.EXECUTION_STATUS, "FAILED").failed("RETRYABLE");
            assertThat(attempt.traceparent()).startsWith("00-0af7651916cd43dd8448eb211c80319c-");
        }
        try (Step approval = tracing.start("mandate.approval.approve", SpanKind.INTERNAL, null, List.of(decided))) {
            approval.set(SpanAttributes.APPROVAL_ID, "a1");
        }

        SpanData decision = span("mandate.decision");
        SpanData attempt = span("execute_tool erp");
        SpanData approval = span("mandate.approval.approve");
        assertThat(attempt.getTraceId()).isEqualTo(decision.getTraceId());
        assertThat(attempt.getParentSpanId()).isEqualTo(decision.getSpanId());
        assertThat(attempt.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(attempt.getAttributes().get(AttributeKey.stringKey("error.type")))
                .isEqualTo("RETRYABLE");
        assertThat(attempt.getAttributes().get(SpanAttributes.EXECUTION_STATUS)).isEqualTo("FAILED");
        assertThat(approval.getTraceId()).isNotEqualTo(decision.getTraceId());
        assertThat(approval.getLinks()).singleElement().satisfies(link -> {
            assertThat(link.getSpanContext().getTraceId()).isEqualTo(decision.getTraceId());
            assertThat(link.getSpanContext().getSpanId()).isEqualTo(decision.getSpanId());
        });
    }

    private SpanData span(String name) {
        List<SpanData> found = exported.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals(name))
                .toList();
        assertThat(found).as(name).hasSize(1);
        return found.get(0);
    }
}

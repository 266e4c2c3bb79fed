package dev.mandate.it.observability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * A collector's OTLP/HTTP endpoint ({@code POST /v1/traces}, protobuf): keeps every span it is sent, with
 * its resource's and scope's names, for tests to find by trace id.
 */
public final class OtlpReceiver implements AutoCloseable {

    /** One received span, ids in lower-case hex as in a traceparent. */
    public record ReceivedSpan(
            String traceId,
            String spanId,
            String parentSpanId,
            String name,
            String kind,
            Map<String, Object> attributes,
            List<String> linkedTraceIds,
            List<String> linkedSpanIds,
            String scope,
            String scopeSchemaUrl,
            String serviceName,
            boolean error) {

        public Object attribute(String key) {
            return attributes.get(key);
        }
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    public static OtlpReceiver start(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        OtlpReceiver receiver = new OtlpReceiver(server);
        server.createContext("/v1/traces", receiver::handle);
        server.start();
        return receiver;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            contentTypes.add(String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
            InputStream in = exchange.getRequestBody();
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                in = new GZIPInputStream(in);
            }
            ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(in.readAllBytes());
            for (ResourceSpans resource : request.getResourceSpansList()) {
                String service = string(resource.getResource().getAttributesList(), "service.name");
                for (ScopeSpans scope : resource.getScopeSpansList()) {
                    for (Span span : scope.getSpansList()) {
                        spans.add(received(span, scope, service));
                    }
                }
            }
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    private static ReceivedSpan received(Span span, ScopeSpans scope, String service) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (KeyValue kv : span.getAttributesList()) {
            attributes.put(kv.getKey(), value(kv.getValue()));
        }
        List<String> linkedTraces = new ArrayList<>();
        List<String> linkedSpans = new ArrayList<>();
        for (Span.Link link : span.getLinksList()) {
            linkedTraces.add(hex(link.getTraceId().toByteArray()));
            linkedSpans.add(hex(link.getSpanId().toByteArray()));
        }
        return new ReceivedSpan(
                hex(span.getTraceId().toByteArray()),
                hex(span.getSpanId().toByteArray()),
                span.getParentSpanId().isEmpty()
                        ? null
                        : hex(span.getParentSpanId().toByteArray()),
                span.getName(),
                span.getKind().name(),
                attributes,
                linkedTraces,
                linkedSpans,
                scope.getScope().getName(),
                scope.getSchemaUrl(),
                service,
                span.getStatus().getCode() == io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR);
    }

    private static Object value(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> value.getBoolValue();
            case INT_VALUE -> value.getIntValue();
            case DOUBLE_VALUE -> value.getDoubleValue();
            case ARRAY_VALUE ->
                value.getArrayValue().getValuesList().stream()
                        .map(OtlpReceiver::value)
                        .toList();
            default -> value.toString();
        };
    }

    private static String string(List<KeyValue> attributes, String key) {
        return attributes.stream()
                .filter(kv -> kv.getKey().equals(key))
                .map(kv -> kv.getValue().getStringValue())
                .findFirst()
                .orElse(null);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    public List<ReceivedSpan> spans(String traceId) {
        return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    /** Every span received in any trace, e.g. to look for what must appear nowhere. */
    public List<ReceivedSpan> all() {
        return List.copyOf(spans);
    }

    public List<String> contentTypes() {
        return List.copyOf(contentTypes);
    }

    /** The trace's spans once {@code complete} holds for them (export is batched), else fails after {@code within}. */
    public List<ReceivedSpan> await(String traceId, Predicate<List<ReceivedSpan>> complete, Duration within) {
        Instant deadline = Instant.now().plus(within);
        while (true) {
            List<ReceivedSpan> found = spans(traceId);
            if (complete.test(found)) {
                return found;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("trace " + traceId + " incomplete after " + within + ": "
                        + found.stream().map(ReceivedSpan::name).toList());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

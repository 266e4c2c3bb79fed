package dev.mandate.api.json;

import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Providers;
import java.io.ByteArrayInputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/** {@link StrictJsonReader} wired as JAX-RS wires it (with Mandate's JSON-B configuration), for unit tests. */
public final class Readers {

    private static final StrictJsonReader READER = wired();

    private Readers() {}

    /** Reads the body into the request type as the API does: parse, content and shape checks, binding. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <T extends RequestBody> T read(String body, Class<T> type) {
        return (T) READER.readFrom(
                (Class) type,
                type,
                new Annotation[0],
                MediaType.APPLICATION_JSON_TYPE,
                null,
                new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static StrictJsonReader wired() {
        JsonbConfiguration configuration = new JsonbConfiguration();
        StrictJsonReader reader = new StrictJsonReader();
        reader.providers = new Providers() {
            @Override
            public <T> MessageBodyReader<T> getMessageBodyReader(
                    Class<T> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
                return null;
            }

            @Override
            public <T> MessageBodyWriter<T> getMessageBodyWriter(
                    Class<T> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
                return null;
            }

            @Override
            public <T extends Throwable> ExceptionMapper<T> getExceptionMapper(Class<T> type) {
                return null;
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> ContextResolver<T> getContextResolver(Class<T> contextType, MediaType mediaType) {
                return contextType == Jsonb.class ? (ContextResolver<T>) configuration : null;
            }
        };
        return reader;
    }
}

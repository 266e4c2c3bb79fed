package dev.mandate.api.json;

import static dev.mandate.platform.json.SharedJson.JSON;

import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.error.Violation;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.Providers;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.yasson.YassonJsonb;

/**
 * Reads Mandate's request bodies strictly: the JSON is parsed first (a syntax error names its line and
 * column), then checked against the request class's declared field types (JSON-B alone would turn
 * {@code 5} into {@code "5"} and {@code ["x"]} into {@code "x"}), and only then bound. Every wrong
 * type, unknown property and unknown enum value is reported at once, with its JSON path. Every number
 * must lie in NumberRange (I-JSON), every string be storable text (JsonContentCheck): anything else is a
 * violation at its path, never rounded or stored.
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
public class StrictJsonReader implements MessageBodyReader<RequestBody> {

    /** Parsson's defaults (Payara's JSON-P), stated in the answer. */
    static final int MAX_PARSER_DEPTH = 1000;

    static final int MAX_NUMBER_CHARS = 1100;

    @Context
    Providers providers;

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return RequestBody.class.isAssignableFrom(type);
    }

    @Override
    public RequestBody readFrom(
            Class<RequestBody> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, String> headers,
            InputStream sent) {
        PushbackInputStream body = new PushbackInputStream(sent, 1);
        if (MayBeEmpty.class.isAssignableFrom(type) && isEmpty(body)) {
            return empty(type);
        }
        JsonValue json = parse(body);
        if (json.getValueType() == JsonValue.ValueType.NULL) {
            throw new InvalidRequestException("body", "a JSON object is required");
        }
        List<Violation> violations = new ArrayList<>();
        JsonContentCheck.check("", json, violations);
        if (violations.isEmpty()) {
            violations = new JsonShapeCheck().check(json, type);
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        RequestBody bound = bind(json, type);
        if (bound instanceof KeepsParsedJson keeper && json instanceof JsonObject object) {
            keeper.keepParsed(object);
        }
        return bound;
    }

    private static boolean isEmpty(PushbackInputStream body) {
        try {
            int first = body.read();
            if (first < 0) {
                return true;
            }
            body.unread(first);
            return false;
        } catch (IOException unreadable) {
            throw new MalformedJsonException("The body could not be read.");
        }
    }

    private static RequestBody empty(Class<RequestBody> type) {
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException impossible) {
            throw new IllegalStateException(type + " needs a public no-argument constructor", impossible);
        }
    }

    private static JsonValue parse(InputStream body) {
        try (JsonParser parser = JSON.createParser(body)) {
            if (!parser.hasNext()) {
                throw new MalformedJsonException("The body is empty; a JSON object is required.");
            }
            parser.next();
            JsonValue value = parser.getValue();
            if (parser.hasNext()) {
                throw new MalformedJsonException("The body has content after its JSON value.");
            }
            return value;
        } catch (JsonParsingException syntax) {
            var at = syntax.getLocation();
            throw new MalformedJsonException("The body is not valid JSON (line " + at.getLineNumber() + ", column "
                    + at.getColumnNumber() + ").");
        } catch (JsonException unreadable) {
            throw new MalformedJsonException("The body is empty or not valid JSON.");
        } catch (WebApplicationException answered) {
            throw answered;
        } catch (RuntimeException | StackOverflowError overLimit) {
            // Parsson's own limits (nesting deeper than 1000, a number of more than 1100 characters) and
            // numbers BigDecimal cannot hold (an exponent beyond ±2^31) surface as other runtime exceptions
            throw new MalformedJsonException("The body exceeds the JSON parser's limits (nesting at most "
                    + MAX_PARSER_DEPTH + " levels, numbers at most " + MAX_NUMBER_CHARS + " characters).");
        }
    }

    /**
     * Binds the parsed body; Payara's JSON-B (Yasson) binds the parsed structure itself, which saves
     * writing the body out and parsing it a second time.
     */
    private RequestBody bind(JsonValue json, Class<RequestBody> type) {
        Jsonb jsonb = configured.get(type);
        if (jsonb instanceof YassonJsonb yasson && json instanceof JsonStructure structure) {
            return yasson.fromJsonStructure(structure, type);
        }
        return jsonb.fromJson(json.toString(), type);
    }

    // the configuration of a request type is looked up once: Providers is a proxy that resolves the
    // request's providers through HK2 on every call
    private final ClassValue<Jsonb> configured = new ClassValue<>() {
        @Override
        protected Jsonb computeValue(Class<?> type) {
            ContextResolver<Jsonb> resolver =
                    providers.getContextResolver(Jsonb.class, MediaType.APPLICATION_JSON_TYPE);
            if (resolver == null) {
                throw new WebApplicationException("no JSON-B configuration registered");
            }
            return resolver.getContext(type);
        }
    };
}

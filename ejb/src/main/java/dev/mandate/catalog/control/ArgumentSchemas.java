package dev.mandate.catalog.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.mandate.platform.cache.Caches;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.error.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;

/**
 * Compiles tools' argument schemas (JSON Schema 2020-12 unless the schema names another draft) once,
 * and validates envelope arguments against them, reporting every violation with its JSON path. The
 * compiled schemas are kept by their text, the most used ones when there are more than
 * {@value #MAX_SCHEMAS} (a schema edited leaves its old text behind; one pushed out is compiled again).
 */
@ApplicationScoped
public class ArgumentSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    static final int MAX_SCHEMAS = 10_000;

    private final Cache<String, JsonSchema> compiled =
            Caches.named("catalog.argument-schemas").maximumSize(MAX_SCHEMAS).build();

    /** Throws a 400 naming the problem when the text is not a usable JSON Schema object. */
    public static void requireValidSchema(String field, String schemaText) {
        try {
            JsonNode node = JSON.readTree(schemaText);
            if (node == null || !node.isObject()) {
                throw new InvalidRequestException(field, "must be a JSON Schema object");
            }
            FACTORY.getSchema(node).initializeValidators();
        } catch (InvalidRequestException e) {
            throw e;
        } catch (Exception e) {
            throw new InvalidRequestException(field, "is not a usable JSON Schema: " + firstLine(e.getMessage()));
        }
    }

    public List<Violation> validate(String schemaText, String argumentsJson) {
        JsonSchema schema = compiled.get(schemaText, ArgumentSchemas::compile);
        try {
            JsonNode arguments = JSON.readTree(argumentsJson);
            return schema.validate(arguments).stream()
                    .map(m -> new Violation(field(m), m.getError()))
                    .sorted(Comparator.comparing(Violation::field).thenComparing(Violation::message))
                    .toList();
        } catch (Exception e) {
            return List.of(new Violation("requestedAction.arguments", "cannot be read: " + firstLine(e.getMessage())));
        }
    }

    /** {@code $.to.x} becomes {@code requestedAction.arguments.to.x}; a missing or extra property is named too. */
    private static String field(ValidationMessage message) {
        String location = message.getInstanceLocation().toString().substring(1);
        String property = message.getProperty() == null ? "" : "." + message.getProperty();
        return "requestedAction.arguments" + location + property;
    }

    private static JsonSchema compile(String schemaText) {
        try {
            JsonSchema schema = FACTORY.getSchema(JSON.readTree(schemaText));
            schema.initializeValidators();
            return schema;
        } catch (Exception e) {
            throw new IllegalStateException("stored argument schema does not compile", e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String line = message.lines().findFirst().orElse(message);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}

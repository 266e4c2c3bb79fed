package dev.mandate.api.problem;

import dev.mandate.platform.error.ProblemType;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A body JSON-B could not read: broken JSON, a wrong type, an unknown enum value or an unknown (or
 * read-only) property. Answered 400 with a sentence built here: parser messages name internal classes,
 * so only the property name and the client's own value are taken from them.
 */
@Provider
public class MalformedJsonMapper implements ExceptionMapper<ProcessingException> {

    private static final Logger LOG = Logger.getLogger(MalformedJsonMapper.class.getName());
    private static final Pattern UNKNOWN_PROPERTY = Pattern.compile("Json property ([^\\s]{1,100}) can not be mapped");
    private static final Pattern FAILED_PROPERTY = Pattern.compile("deserialize property '([^']{1,100})'");
    private static final Pattern UNKNOWN_ENUM = Pattern.compile("No enum constant (?:[\\w$]+\\.)*([^\\s.]{1,100})");
    private static final Pattern SYNTAX = Pattern.compile("line no=(\\d+), column no=(\\d+)");

    @Override
    public Response toResponse(ProcessingException exception) {
        Throwable cause = jsonCause(exception);
        if (cause == null) {
            return new UnexpectedExceptionMapper().toResponse(exception);
        }
        LOG.log(Level.FINE, "unreadable body", exception);
        return Problems.of(ProblemType.MALFORMED_JSON, describe(cause));
    }

    static Throwable jsonCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JsonbException || t instanceof JsonException) {
                return t;
            }
        }
        return null;
    }

    static String describe(Throwable cause) {
        String chain = messages(cause);
        Matcher unknown = UNKNOWN_PROPERTY.matcher(chain);
        if (unknown.find()) {
            return "Property '" + unknown.group(1) + "' is unknown or read-only for this resource.";
        }
        Matcher property = FAILED_PROPERTY.matcher(chain);
        String where = property.find() ? " in property '" + property.group(1) + "'" : "";
        Matcher enumValue = UNKNOWN_ENUM.matcher(chain);
        if (enumValue.find()) {
            return "'" + enumValue.group(1) + "' is not an allowed value" + where + ".";
        }
        Matcher syntax = SYNTAX.matcher(chain);
        if (syntax.find()) {
            return "The body is not valid JSON (line " + syntax.group(1) + ", column " + syntax.group(2) + ").";
        }
        return "The body does not match the expected JSON shape" + where + " (wrong type or structure).";
    }

    private static String messages(Throwable cause) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                all.append(t.getMessage()).append(' ');
            }
        }
        return all.toString();
    }
}

package dev.mandate.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.FilterType;
import com.unboundid.scim2.common.messages.PatchOpType;
import com.unboundid.scim2.common.messages.PatchOperation;
import dev.mandate.scim.ScimSchemas;
import dev.mandate.scim.error.ScimExceptionMappers;
import dev.mandate.scim.error.ScimProblem;
import dev.mandate.scim.http.ScimJson;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a PATCH body as Okta and Entra ID really send it into operations the SCIM SDK applies:
 * <ul>
 *   <li>op names in any case ({@code "Replace"}), the {@code Operations} key in any case;
 *   <li>booleans as strings ({@code "False"}) for {@code active} and {@code primary};
 *   <li>no-path add/replace whose value has dotted keys ({@code name.givenName}) or extension-URN keys
 *       ({@code urn:...:enterprise:2.0:User:manager}): each becomes an operation with that path;
 *   <li>{@code "$ref": null} in values: dropped;
 *   <li>remove of a multi-valued attribute with a value array ({@code members} with
 *       {@code [{"value":"id"}]}): one remove per value, {@code members[value eq "id"]};
 *   <li>remove of something that is not there: nothing to do, not an error;
 *   <li>replace of {@code emails[type eq "work"].value} when there is no work email yet: adds it.
 * </ul>
 */
public final class PatchNormalizer {

    public static final int MAX_OPERATIONS = 1000;

    private static final Set<String> SCHEMA_KEYS = Set.of(
            ScimSchemas.USER.toLowerCase(Locale.ROOT),
            ScimSchemas.GROUP.toLowerCase(Locale.ROOT),
            ScimSchemas.ENTERPRISE_USER.toLowerCase(Locale.ROOT),
            ScimSchemas.AGENT.toLowerCase(Locale.ROOT));

    private static final Set<String> BOOLEAN_ATTRIBUTES = Set.of("active", "primary");

    private PatchNormalizer() {}

    /** The operations of a PATCH body, normalised; a 400 for anything that is not a PATCH. */
    public static List<PatchOperation> operations(ObjectNode body) {
        JsonNode operations = body.get("Operations");
        if (operations == null) {
            operations = body.get("operations");
        }
        if (operations == null || !operations.isArray() || operations.isEmpty()) {
            throw ScimProblem.invalidSyntax("A PATCH body needs a non-empty 'Operations' array.");
        }
        if (operations.size() > MAX_OPERATIONS) {
            throw ScimProblem.invalidSyntax("At most " + MAX_OPERATIONS + " operations per PATCH.");
        }
        List<PatchOperation> normalised = new ArrayList<>();
        for (JsonNode operation : operations) {
            if (!operation.isObject()) {
                throw ScimProblem.invalidSyntax("Each operation must be an object.");
            }
            normalise((ObjectNode) operation, normalised);
        }
        return normalised;
    }

    private static void normalise(ObjectNode operation, List<PatchOperation> into) {
        JsonNode opNode = operation.get("op");
        if (opNode == null || !opNode.isTextual()) {
            throw ScimProblem.invalidSyntax("Each operation needs an 'op' (add, replace or remove).");
        }
        PatchOpType type =
                switch (opNode.textValue().toLowerCase(Locale.ROOT)) {
                    case "add" -> PatchOpType.ADD;
                    case "replace" -> PatchOpType.REPLACE;
                    case "remove" -> PatchOpType.REMOVE;
                    default -> throw ScimProblem.invalidSyntax("Unknown op '" + opNode.textValue() + "'.");
                };
        JsonNode pathNode = operation.get("path");
        if (pathNode != null && !pathNode.isNull() && !pathNode.isTextual()) {
            throw ScimProblem.invalidPath("'path' must be a string.");
        }
        String path =
                pathNode == null || pathNode.isNull() || pathNode.textValue().isBlank()
                        ? null
                        : pathNode.textValue().trim();
        JsonNode value = operation.get("value");
        if (value != null) {
            value = clean(value, path == null ? null : lastAttribute(path));
        }
        if (type == PatchOpType.REMOVE) {
            remove(path, value, into);
            return;
        }
        if (value == null || value.isNull()) {
            throw ScimProblem.invalidValue("An " + opNode.textValue() + " operation needs a 'value'.");
        }
        if (path != null) {
            into.add(create(type, path, value));
            return;
        }
        if (!value.isObject()) {
            throw ScimProblem.invalidValue("Without a 'path', the value must be an object.");
        }
        ObjectNode rest = ScimJson.object();
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            boolean urnAttribute = key.toLowerCase(Locale.ROOT).startsWith("urn:")
                    && !SCHEMA_KEYS.contains(key.toLowerCase(Locale.ROOT));
            if (urnAttribute || (!key.toLowerCase(Locale.ROOT).startsWith("urn:") && key.contains("."))) {
                into.add(create(type, key, clean(field.getValue(), lastAttribute(key))));
            } else {
                rest.set(key, field.getValue());
            }
        }
        if (!rest.isEmpty()) {
            into.add(type == PatchOpType.ADD ? PatchOperation.add(rest) : PatchOperation.replace(rest));
        }
    }

    private static void remove(String path, JsonNode value, List<PatchOperation> into) {
        if (path == null) {
            // Entra: {"op":"Remove","value":{"members":[{"value":"id"}]}} has been seen too
            if (value != null && value.isObject() && value.size() == 1) {
                Map.Entry<String, JsonNode> only = value.fields().next();
                remove(only.getKey(), only.getValue(), into);
                return;
            }
            throw new ScimProblem(400, "noTarget", "A remove operation needs a 'path'.");
        }
        if (value != null && value.isArray() && !path.contains("[")) {
            for (JsonNode item : value) {
                JsonNode itemValue = item.isObject() ? item.get("value") : item;
                if (itemValue == null || !itemValue.isValueNode() || itemValue.isNull()) {
                    throw ScimProblem.invalidValue("Each value to remove needs a 'value'.");
                }
                String literal = itemValue.isTextual() ? ScimJson.quote(itemValue.textValue()) : itemValue.toString();
                into.add(create(PatchOpType.REMOVE, path + "[value eq " + literal + "]", null));
            }
            return;
        }
        into.add(create(PatchOpType.REMOVE, path, null));
    }

    private static PatchOperation create(PatchOpType type, String path, JsonNode value) {
        try {
            Path parsed = Path.fromString(path);
            return PatchOperation.create(type, parsed, value);
        } catch (BadRequestException e) {
            throw ScimProblem.invalidPath("Invalid path '" + path + "': " + e.getMessage());
        } catch (RuntimeException e) {
            throw ScimProblem.invalidPath("Invalid path '" + path + "'.");
        }
    }

    /** Applies the operations to a resource's JSON, with the leniencies above. */
    public static void apply(List<PatchOperation> operations, ObjectNode resource) {
        for (PatchOperation operation : operations) {
            try {
                operation.apply(resource);
            } catch (ScimException failure) {
                String scimType = failure.getScimError().getScimType();
                if ("noTarget".equals(scimType) && operation.getOpType() == PatchOpType.REMOVE) {
                    continue;
                }
                if ("noTarget".equals(scimType) && operation.getOpType() == PatchOpType.REPLACE) {
                    if (addInstead(operation, resource)) {
                        continue;
                    }
                }
                throw ScimExceptionMappers.translate(failure);
            } catch (RuntimeException failure) {
                throw ScimProblem.invalidValue(
                        "The operation " + operation + " cannot be applied: " + failure.getMessage());
            }
        }
    }

    /** {@code replace emails[type eq "work"].value} with no work email: add {type: work, value}. */
    private static boolean addInstead(PatchOperation operation, ObjectNode resource) {
        Path path = operation.getPath();
        if (path == null || path.size() < 1 || path.size() > 2) {
            return false;
        }
        Path.Element first = path.getElement(0);
        Filter filter = first.getValueFilter();
        if (filter == null
                || filter.getFilterType() != FilterType.EQUAL
                || filter.getAttributePath().size() != 1) {
            return false;
        }
        ObjectNode item = ScimJson.object();
        item.set(filter.getAttributePath().getElement(0).getAttribute(), filter.getComparisonValue());
        JsonNode value = operation.getJsonNode();
        if (path.size() == 2) {
            item.set(path.getElement(1).getAttribute(), value);
        } else if (value != null && value.isObject()) {
            item.setAll((ObjectNode) value);
        } else {
            return false;
        }
        ArrayNode array = ScimJson.array().add(item);
        try {
            Path target = path.getSchemaUrn() == null
                    ? Path.root().attribute(first.getAttribute())
                    : Path.root(path.getSchemaUrn()).attribute(first.getAttribute());
            PatchOperation.add(target, array).apply(resource);
            return true;
        } catch (ScimException e) {
            return false;
        }
    }

    /** Coerces boolean strings, drops {@code "$ref": null}. */
    static JsonNode clean(JsonNode value, String attribute) {
        if (value.isTextual() && attribute != null && BOOLEAN_ATTRIBUTES.contains(attribute)) {
            String text = value.textValue();
            if ("true".equalsIgnoreCase(text)) {
                return BooleanNode.TRUE;
            }
            if ("false".equalsIgnoreCase(text)) {
                return BooleanNode.FALSE;
            }
            return value;
        }
        if (value.isArray()) {
            ArrayNode cleaned = ScimJson.array();
            for (JsonNode item : value) {
                cleaned.add(clean(item, attribute));
            }
            return cleaned;
        }
        if (value.isObject()) {
            ObjectNode cleaned = ScimJson.object();
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().equals("$ref") && field.getValue().isNull()) {
                    continue;
                }
                cleaned.set(field.getKey(), clean(field.getValue(), lastAttribute(field.getKey())));
            }
            return cleaned;
        }
        return value;
    }

    /** The last attribute name of a path or key, lower-case ({@code emails[...].primary} → primary). */
    static String lastAttribute(String path) {
        String withoutFilter = path.replaceAll("\\[[^]]*]", "");
        int cut = Math.max(withoutFilter.lastIndexOf('.'), withoutFilter.lastIndexOf(':'));
        return withoutFilter.substring(cut + 1).toLowerCase(Locale.ROOT);
    }
}

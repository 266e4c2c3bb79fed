package dev.mandate.scim.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.mandate.agent.entity.Agent;
import dev.mandate.platform.config.ConfigKey;
import dev.mandate.platform.security.Caller;
import dev.mandate.rbac.entity.Role;
import dev.mandate.scim.ETags;
import dev.mandate.scim.ScimSchemas;
import dev.mandate.scim.api.Responses;
import dev.mandate.scim.error.ScimErrors;
import dev.mandate.scim.error.ScimExceptionMappers;
import dev.mandate.scim.error.ScimProblem;
import dev.mandate.scim.group.ScimGroupService;
import dev.mandate.scim.http.ScimJson;
import dev.mandate.scim.user.ScimUserService;
import dev.mandate.scim.user.UserMapper;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code /Bulk} (RFC 7644 section 3.7): operations run in order, each in its own transaction, so one
 * failing operation writes nothing and does not undo the others. {@code bulkId:x} references (in paths
 * and anywhere in data) resolve to the ids created earlier in the same request. Limits: maxOperations
 * and maxPayloadSize (413 tooMany); {@code failOnErrors} stops after that many errors.
 */
@Path("Bulk")
@RequestScoped
@Produces({ScimJson.MEDIA_TYPE, MediaType.APPLICATION_JSON})
public class BulkResource {

    private static final Pattern RESOURCE_PATH =
            Pattern.compile("^/(Users|Groups)(?:/([^/?#]+))?$", Pattern.CASE_INSENSITIVE);

    @Inject
    Caller caller;

    @Inject
    ScimUserService users;

    @Inject
    ScimGroupService groups;

    @Context
    UriInfo uri;

    @Operation(hidden = true)
    @POST
    public Response bulk(String body) {
        ObjectNode request = ScimJson.readObject(body);
        JsonNode operations = request.get("Operations");
        if (operations == null || !operations.isArray()) {
            throw ScimProblem.invalidSyntax("A Bulk request needs an 'Operations' array.");
        }
        int max = ConfigKey.SCIM_BULK_MAX_OPERATIONS.get(Integer.class);
        if (operations.size() > max) {
            throw new ScimProblem(
                    413,
                    "tooMany",
                    "The request has " + operations.size() + " operations; maxOperations is " + max + ".");
        }
        JsonNode failOnErrorsNode = request.get("failOnErrors");
        int failOnErrors = Integer.MAX_VALUE;
        if (failOnErrorsNode != null && !failOnErrorsNode.isNull()) {
            if (!failOnErrorsNode.isIntegralNumber() || failOnErrorsNode.intValue() < 1) {
                throw ScimProblem.invalidValue("failOnErrors must be a positive integer");
            }
            failOnErrors = failOnErrorsNode.intValue();
        }
        Map<String, String> bulkIds = new HashMap<>();
        ObjectNode answer = ScimJson.object();
        answer.putArray("schemas").add(ScimSchemas.BULK_RESPONSE);
        ArrayNode results = answer.putArray("Operations");
        int errors = 0;
        for (JsonNode operation : operations) {
            ObjectNode result = results.addObject();
            try {
                if (!operation.isObject()) {
                    throw ScimProblem.invalidSyntax("Each operation must be an object.");
                }
                run((ObjectNode) operation, result, bulkIds);
            } catch (RuntimeException failure) {
                ScimProblem problem = ScimExceptionMappers.problemOf(failure);
                result.put("status", String.valueOf(problem.status()));
                result.set("response", ScimErrors.body(problem.status(), problem.scimType(), problem.getMessage()));
                errors++;
                if (errors >= failOnErrors) {
                    break;
                }
            }
        }
        return Response.ok(answer).type(ScimJson.MEDIA_TYPE).build();
    }

    private void run(ObjectNode operation, ObjectNode result, Map<String, String> bulkIds) {
        String method = text(operation, "method");
        if (method == null) {
            throw ScimProblem.invalidSyntax("Each operation needs a 'method'.");
        }
        method = method.toUpperCase(Locale.ROOT);
        result.put("method", method);
        String bulkId = text(operation, "bulkId");
        if (bulkId != null) {
            result.put("bulkId", bulkId);
        }
        String path = text(operation, "path");
        if (path == null) {
            throw ScimProblem.invalidSyntax("Each operation needs a 'path'.");
        }
        Matcher matcher = RESOURCE_PATH.matcher(path.trim());
        if (!matcher.matches()) {
            throw ScimProblem.invalidPath("Bulk paths are /Users, /Users/{id}, /Groups or /Groups/{id}.");
        }
        boolean isUsers = matcher.group(1).equalsIgnoreCase("Users");
        String id = matcher.group(2) == null ? null : resolve(matcher.group(2), bulkIds);
        JsonNode dataNode = operation.get("data");
        ObjectNode data = null;
        if (dataNode != null && !dataNode.isNull()) {
            if (!dataNode.isObject()) {
                throw ScimProblem.invalidSyntax("'data' must be an object.");
            }
            data = (ObjectNode) resolveAll(dataNode, bulkIds);
        }
        Long expected = ETags.expected(text(operation, "version"));
        String base = Responses.baseUrl(uri);
        switch (method) {
            case "POST" -> {
                if (id != null) {
                    throw ScimProblem.invalidPath("POST goes to /Users or /Groups.");
                }
                if (bulkId == null) {
                    throw ScimProblem.invalidSyntax("POST operations need a 'bulkId'.");
                }
                String created;
                long version;
                if (isUsers) {
                    Agent agent = users.create(caller, require(data));
                    created = agent.id();
                    version = agent.version();
                } else {
                    Role role = groups.create(caller, require(data));
                    created = role.id();
                    version = role.version();
                }
                bulkIds.put(bulkId, created);
                written(result, isUsers, created, version, base, 201);
            }
            case "PUT", "PATCH" -> {
                requireId(id);
                if (isUsers) {
                    Agent agent = method.equals("PUT")
                            ? users.replace(caller, id, expected, require(data))
                            : users.patch(caller, id, expected, require(data));
                    written(result, true, agent.id(), agent.version(), base, 200);
                } else {
                    Role role = method.equals("PUT")
                            ? groups.replace(caller, id, expected, require(data))
                            : groups.patch(caller, id, expected, require(data));
                    written(result, false, role.id(), role.version(), base, 200);
                }
            }
            case "DELETE" -> {
                requireId(id);
                if (isUsers) {
                    users.delete(caller, id, expected);
                } else {
                    groups.delete(caller, id, expected);
                }
                result.put("location", base + (isUsers ? "Users/" : "Groups/") + id);
                result.put("status", "204");
            }
            default -> throw new ScimProblem(405, null, "Bulk methods are POST, PUT, PATCH and DELETE.");
        }
    }

    private static void written(ObjectNode result, boolean isUsers, String id, long version, String base, int status) {
        result.put("location", base + (isUsers ? "Users/" : "Groups/") + id);
        result.put("version", UserMapper.etag(version));
        result.put("status", String.valueOf(status));
    }

    private static ObjectNode require(ObjectNode data) {
        if (data == null) {
            throw ScimProblem.invalidSyntax("This operation needs 'data'.");
        }
        return data;
    }

    private static void requireId(String id) {
        if (id == null) {
            throw ScimProblem.invalidPath("This method needs a resource path: /Users/{id} or /Groups/{id}.");
        }
    }

    private static String resolve(String value, Map<String, String> bulkIds) {
        if (!value.startsWith("bulkId:")) {
            return value;
        }
        String id = bulkIds.get(value.substring("bulkId:".length()));
        if (id == null) {
            throw new ScimProblem(
                    409, "invalidValue", "'" + value + "' names no resource created earlier in this request.");
        }
        return id;
    }

    private static JsonNode resolveAll(JsonNode node, Map<String, String> bulkIds) {
        if (node.isTextual()) {
            return node.textValue().startsWith("bulkId:") ? TextNode.valueOf(resolve(node.textValue(), bulkIds)) : node;
        }
        if (node.isArray()) {
            ArrayNode copy = ScimJson.array();
            node.forEach(item -> copy.add(resolveAll(item, bulkIds)));
            return copy;
        }
        if (node.isObject()) {
            ObjectNode copy = ScimJson.object();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                copy.set(field.getKey(), resolveAll(field.getValue(), bulkIds));
            }
            return copy;
        }
        return node;
    }

    private static String text(ObjectNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ScimProblem.invalidSyntax("'" + name + "' must be a string.");
        }
        return value.textValue();
    }
}

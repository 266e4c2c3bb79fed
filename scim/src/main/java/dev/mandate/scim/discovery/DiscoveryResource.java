package dev.mandate.scim.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mandate.platform.config.ConfigKey;
import dev.mandate.scim.ScimSchemas;
import dev.mandate.scim.api.Responses;
import dev.mandate.scim.error.ScimProblem;
import dev.mandate.scim.http.ScimJson;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Discovery (RFC 7644 section 4): what this service really supports, with the limits it enforces.
 */
@Path("")
@RequestScoped
@Produces({ScimJson.MEDIA_TYPE, MediaType.APPLICATION_JSON})
public class DiscoveryResource {

    @Context
    UriInfo uri;

    @Operation(hidden = true)
    @GET
    @Path("ServiceProviderConfig")
    public Response serviceProviderConfig() {
        ObjectNode config = ScimJson.object();
        config.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig");
        config.put("documentationUri", "https://github.com/mandate/mandate#scim-okta-and-entra-id");
        config.putObject("patch").put("supported", true);
        config.putObject("bulk")
                .put("supported", true)
                .put("maxOperations", ConfigKey.SCIM_BULK_MAX_OPERATIONS.get(Integer.class))
                .put("maxPayloadSize", ConfigKey.SCIM_MAX_PAYLOAD_BYTES.get(Integer.class));
        config.putObject("filter")
                .put("supported", true)
                .put("maxResults", ConfigKey.SCIM_MAX_RESULTS.get(Integer.class));
        config.putObject("changePassword").put("supported", false);
        config.putObject("sort").put("supported", true);
        config.putObject("etag").put("supported", true);
        config.putArray("authenticationSchemes")
                .addObject()
                .put("type", "oauthbearertoken")
                .put("name", "OAuth Bearer Token")
                .put(
                        "description",
                        "A JWT from the enterprise identity provider with the 'scim-provisioner' group and the"
                                + " tenant claim")
                .put("specUri", "https://www.rfc-editor.org/info/rfc6750")
                .put("primary", true);
        meta(config, "ServiceProviderConfig", "ServiceProviderConfig");
        return ok(config);
    }

    @Operation(hidden = true)
    @GET
    @Path("ResourceTypes")
    public Response resourceTypes() {
        return ok(list(List.of(userType(), groupType())));
    }

    @Operation(hidden = true)
    @GET
    @Path("ResourceTypes/{name}")
    public Response resourceType(@PathParam("name") String name) {
        if (name.equalsIgnoreCase("User")) {
            return ok(userType());
        }
        if (name.equalsIgnoreCase("Group")) {
            return ok(groupType());
        }
        throw ScimProblem.notFound("ResourceType", name);
    }

    @Operation(hidden = true)
    @GET
    @Path("Schemas")
    public Response schemas() {
        return ok(list(all().stream().map(this::withMeta).toList()));
    }

    @Operation(hidden = true)
    @GET
    @Path("Schemas/{id}")
    public Response schema(@PathParam("id") String id) {
        for (ObjectNode schema : all()) {
            if (schema.get("id").textValue().equalsIgnoreCase(id)) {
                return ok(withMeta(schema));
            }
        }
        throw ScimProblem.notFound("Schema", id);
    }

    /** The core schemas as RFC 7643 section 8.7.1 gives them, and Mandate's extension beside them. */
    private static List<ObjectNode> all() {
        return List.of(CoreSchemas.user(), CoreSchemas.group(), CoreSchemas.enterpriseUser(), Schemas.agent());
    }

    private ObjectNode withMeta(ObjectNode schema) {
        return meta(schema, "Schema", "Schemas/" + schema.get("id").textValue());
    }

    private ObjectNode userType() {
        ObjectNode type =
                resourceType("User", "/Users", "Agents: software identities with a human sponsor", ScimSchemas.USER);
        ArrayNode extensions = type.putArray("schemaExtensions");
        extensions.addObject().put("schema", ScimSchemas.AGENT).put("required", false);
        extensions.addObject().put("schema", ScimSchemas.ENTERPRISE_USER).put("required", false);
        return type;
    }

    private ObjectNode groupType() {
        return resourceType("Group", "/Groups", "Roles: membership assigns the role to agents", ScimSchemas.GROUP);
    }

    private ObjectNode resourceType(String name, String endpoint, String description, String schema) {
        ObjectNode type = ScimJson.object();
        type.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:ResourceType");
        type.put("id", name);
        type.put("name", name);
        type.put("endpoint", endpoint);
        type.put("description", description);
        type.put("schema", schema);
        return meta(type, "ResourceType", "ResourceTypes/" + name);
    }

    private ObjectNode meta(ObjectNode resource, String resourceType, String path) {
        resource.putObject("meta").put("resourceType", resourceType).put("location", Responses.baseUrl(uri) + path);
        return resource;
    }

    private static ObjectNode list(List<ObjectNode> resources) {
        ObjectNode list = ScimJson.object();
        list.putArray("schemas").add(ScimSchemas.LIST_RESPONSE);
        list.put("totalResults", resources.size());
        list.put("startIndex", 1);
        list.put("itemsPerPage", resources.size());
        ArrayNode array = list.putArray("Resources");
        resources.forEach(array::add);
        return list;
    }

    private static Response ok(ObjectNode body) {
        return Response.ok(body).type(ScimJson.MEDIA_TYPE).build();
    }
}

package dev.mandate.scim.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mandate.scim.ScimSchemas;
import dev.mandate.scim.http.ScimJson;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/** SCIM answers: resources with ETag and Location, list responses. */
public final class Responses {

    private Responses() {}

    public static Response resource(int status, ObjectNode resource, ListQuery projection) {
        ObjectNode meta = (ObjectNode) resource.get("meta");
        ObjectNode body = projection == null
                ? resource
                : Projection.apply(resource, projection.attributes(), projection.excludedAttributes());
        Response.ResponseBuilder builder =
                Response.status(status).type(ScimJson.MEDIA_TYPE).entity(body);
        if (meta != null) {
            builder.header(HttpHeaders.ETAG, meta.get("version").textValue());
            if (status == 201) {
                builder.location(URI.create(meta.get("location").textValue()));
            }
        }
        return builder.build();
    }

    public static Response list(List<ObjectNode> resources, long total, ListQuery query) {
        ObjectNode list = ScimJson.object();
        list.putArray("schemas").add(ScimSchemas.LIST_RESPONSE);
        list.put("totalResults", total);
        list.put("startIndex", query.startIndex());
        list.put("itemsPerPage", resources.size());
        ArrayNode array = list.putArray("Resources");
        for (ObjectNode resource : resources) {
            array.add(Projection.apply(resource, query.attributes(), query.excludedAttributes()));
        }
        return Response.ok(list).type(ScimJson.MEDIA_TYPE).build();
    }

    public static String baseUrl(jakarta.ws.rs.core.UriInfo uri) {
        String base = uri.getBaseUri().toString();
        return base.endsWith("/") ? base : base + "/";
    }

    /** Whether the attribute is wanted in the answer (to skip loading members when excluded). */
    public static boolean wants(ListQuery query, String attribute) {
        if (!query.attributes().isEmpty()) {
            return query.attributes().stream().anyMatch(a -> Projection.split(a)[0].equalsIgnoreCase(attribute));
        }
        return query.excludedAttributes().stream().noneMatch(a -> {
            String[] path = Projection.split(a);
            return path.length == 1 && path[0].equalsIgnoreCase(attribute);
        });
    }
}

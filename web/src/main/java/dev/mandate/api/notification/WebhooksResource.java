package dev.mandate.api.notification;

import dev.mandate.api.http.EntityTags;
import dev.mandate.api.http.PageResponse;
import dev.mandate.api.http.Paging;
import dev.mandate.api.http.QueryParams;
import dev.mandate.api.security.AllowedRoles;
import dev.mandate.notification.boundary.WebhookDeliveryLog;
import dev.mandate.notification.boundary.Webhooks;
import dev.mandate.notification.entity.Delivery;
import dev.mandate.notification.entity.DeliveryStatus;
import dev.mandate.notification.entity.WebhookSubscription;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.security.BuiltInRole;
import dev.mandate.platform.security.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/webhooks")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(
        name = "Webhooks",
        description = "Signed notifications of approvals and escalations to the tenant's URLs, and their delivery log")
@AllowedRoles(BuiltInRole.ADMIN)
public class WebhooksResource {

    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");

    @Inject
    Webhooks webhooks;

    @Inject
    WebhookDeliveryLog log;

    @Inject
    Caller caller;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "The tenant's webhook subscriptions, by name")
    public PageResponse<WebhookResponse> list(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return PageResponse.of(webhooks.list(caller, Paging.of(offset, limit)).map(WebhookResponse::of));
    }

    @GET
    @Path("{name}")
    @Operation(summary = "One subscription; the ETag is its version")
    public Response get(@PathParam("name") String name) {
        return withTag(Response.ok(), webhooks.get(caller, name));
    }

    @PUT
    @Path("{name}")
    @Operation(
            summary = "Create a subscription (201), or replace one (If-Match required)",
            description = "The URL must be absolute http(s), without user information, on a host the operator"
                    + " allows (mandate.execution.callback-hosts), and the tenant must have a signing secret;"
                    + " otherwise 422, as for an unknown event type (audited)")
    public Response put(
            @PathParam("name") String name,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid WebhookRequest request) {
        Webhooks.Written written = webhooks.put(
                caller, name, EntityTags.parseIfMatch(ifMatch), request.url, request.eventTypes, request.isEnabled());
        if (written.created()) {
            return withTag(Response.created(uri.getAbsolutePath()), written.subscription());
        }
        return withTag(Response.ok(), written.subscription());
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Delete a subscription (If-Match required); what waits to be sent to it is not sent (audited)")
    public Response delete(@PathParam("name") String name, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        webhooks.delete(caller, name, EntityTags.parseIfMatch(ifMatch));
        return Response.noContent().build();
    }

    @POST
    @Path("{name}/test")
    @Operation(summary = "Send a webhook.test event to this subscription only; 202 with the delivery")
    public Response test(@PathParam("name") String name) {
        return accepted(webhooks.test(caller, name));
    }

    @GET
    @Path("deliveries")
    @AllowedRoles({BuiltInRole.ADMIN, BuiltInRole.AUDITOR})
    @Operation(summary = "The delivery log, newest first; filter by status and type; page on with cursor=nextCursor")
    public DeliveryPageResponse deliveries(
            @QueryParam("status") String status,
            @QueryParam("type") String type,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return DeliveryPageResponse.of(log.page(
                caller,
                QueryParams.enumValue("status", status, DeliveryStatus.class),
                type(type),
                Paging.of(null, limit).limit(),
                QueryParams.text("cursor", cursor, 100, null)));
    }

    @GET
    @Path("deliveries/{id}")
    @AllowedRoles({BuiltInRole.ADMIN, BuiltInRole.AUDITOR})
    @Operation(summary = "One delivery: status, attempts, last error")
    public DeliveryResponse delivery(@PathParam("id") String id) {
        return DeliveryResponse.of(log.get(caller, id));
    }

    @POST
    @Path("deliveries/{id}/redeliver")
    @Operation(summary = "Send a FAILED or DELIVERED delivery again (same webhook-id); 202, 409 otherwise")
    public Response redeliver(@PathParam("id") String id) {
        return accepted(log.redeliver(caller, id));
    }

    private static String type(String type) {
        String text = QueryParams.text("type", type, 64, null);
        if (text != null && !TYPE.matcher(text).matches()) {
            throw new InvalidRequestException("type", "must be an event type such as approval.created");
        }
        return text;
    }

    private Response accepted(Delivery delivery) {
        URI location =
                uri.getBaseUriBuilder().path("v1/webhooks/deliveries/{id}").build(delivery.id());
        return Response.accepted(DeliveryResponse.of(delivery))
                .location(location)
                .build();
    }

    private static Response withTag(Response.ResponseBuilder response, WebhookSubscription subscription) {
        return response.tag(EntityTags.of(subscription.version()))
                .entity(WebhookResponse.of(subscription))
                .build();
    }
}

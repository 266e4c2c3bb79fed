package dev.mandate.scim.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mandate.scim.ScimSchemas;
import dev.mandate.scim.http.ScimJson;

/**
 * The schemas Mandate serves (RFC 7643 section 7): the core ones as the RFC gives them ({@link
 * CoreSchemas}) and, beside them, Mandate's agent extension.
 */
final class Schemas {

    private Schemas() {}

    static ObjectNode agent() {
        ObjectNode schema = schema(ScimSchemas.AGENT, "Agent", "What makes a User an agent in Mandate");
        ArrayNode attributes = schema.putArray("attributes");
        attributes.add(attr(
                "sponsor",
                "string",
                false,
                false,
                false,
                "readWrite",
                "default",
                "none",
                "The human who answers for the agent; when absent, the enterprise extension's manager, else"
                        + " the tenant's default sponsor. An agent without a sponsor is provisioned but every"
                        + " envelope it sends is denied (NO_SPONSOR) until it has one"));
        attributes.add(attr(
                "defaultTier",
                "string",
                false,
                false,
                true,
                "readWrite",
                "default",
                "none",
                "READ_ONLY (default), SUGGEST_ONLY, EXECUTE_WITH_APPROVAL or AUTONOMOUS; over SCIM at most the"
                        + " tenant's ceiling (default SUGGEST_ONLY), higher is set by an administrator"));
        attributes.add(attr(
                "workflow",
                "string",
                false,
                false,
                true,
                "readWrite",
                "default",
                "none",
                "The workflow the agent serves (lowercase, digits, -)"));
        attributes.add(attr(
                "description", "string", false, false, false, "readWrite", "default", "none", "What the agent is for"));
        attributes.add(
                attr("status", "string", false, false, true, "readOnly", "default", "none", "ACTIVE or SUSPENDED"));
        return schema;
    }

    static ObjectNode schema(String id, String name, String description) {
        ObjectNode schema = ScimJson.object();
        schema.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:Schema");
        schema.put("id", id);
        schema.put("name", name);
        schema.put("description", description);
        return schema;
    }

    private static ObjectNode attr(
            String name,
            String type,
            boolean multiValued,
            boolean required,
            boolean caseExact,
            String mutability,
            String returned,
            String uniqueness,
            String description) {
        ObjectNode attribute = ScimJson.object();
        attribute.put("name", name);
        attribute.put("type", type);
        attribute.put("multiValued", multiValued);
        attribute.put("description", description);
        attribute.put("required", required);
        attribute.put("caseExact", caseExact);
        attribute.put("mutability", mutability);
        attribute.put("returned", returned);
        attribute.put("uniqueness", uniqueness);
        return attribute;
    }
}

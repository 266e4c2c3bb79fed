package dev.mandate.scim.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mandate.scim.ScimSchemas;
import dev.mandate.scim.http.ScimJson;

/**
 * The schemas Mandate serves (RFC 7643 section 7), limited to what it stores: an attribute listed here
 * is kept and returned; those marked filterable in the README are searchable.
 */
final class Schemas {

    private Schemas() {}

    static ObjectNode user() {
        ObjectNode schema = schema(ScimSchemas.USER, "User", "An agent identity");
        ArrayNode attributes = schema.putArray("attributes");
        attributes.add(attr(
                "userName",
                "string",
                false,
                true,
                false,
                "readWrite",
                "always",
                "server",
                "The agent's unique name (case-insensitive)"));
        attributes.add(
                attr("displayName", "string", false, false, false, "readWrite", "default", "none", "Name to show"));
        attributes.add(attr(
                "active",
                "boolean",
                false,
                false,
                false,
                "readWrite",
                "default",
                "none",
                "false suspends the agent at once; true reactivates it"));
        ObjectNode name = attr("name", "complex", false, false, false, "readWrite", "default", "none", "Kept as sent");
        ArrayNode nameSubs = name.putArray("subAttributes");
        for (String sub : new String[] {"formatted", "familyName", "givenName", "middleName"}) {
            nameSubs.add(attr(sub, "string", false, false, false, "readWrite", "default", "none", sub));
        }
        attributes.add(name);
        ObjectNode emails = attr(
                "emails",
                "complex",
                true,
                false,
                false,
                "readWrite",
                "default",
                "none",
                "The work (else primary) email is searchable");
        ArrayNode emailSubs = emails.putArray("subAttributes");
        emailSubs.add(attr("value", "string", false, false, false, "readWrite", "default", "none", "address"));
        emailSubs.add(attr("type", "string", false, false, false, "readWrite", "default", "none", "work, home, other"));
        emailSubs.add(attr("primary", "boolean", false, false, false, "readWrite", "default", "none", "primary"));
        attributes.add(emails);
        ObjectNode groups = attr(
                "groups", "complex", true, false, false, "readOnly", "default", "none", "The roles the agent holds");
        ArrayNode groupSubs = groups.putArray("subAttributes");
        groupSubs.add(attr("value", "string", false, false, true, "readOnly", "default", "none", "role id"));
        groupSubs.add(attr("display", "string", false, false, false, "readOnly", "default", "none", "role name"));
        groupSubs.add(reference("$ref", "readOnly", "Group"));
        attributes.add(groups);
        return schema;
    }

    static ObjectNode agent() {
        ObjectNode schema = schema(ScimSchemas.AGENT, "Agent", "What makes a User an agent in Mandate");
        ArrayNode attributes = schema.putArray("attributes");
        attributes.add(attr(
                "sponsor",
                "string",
                false,
                true,
                false,
                "readWrite",
                "default",
                "none",
                "The human who answers for the agent. Required; when absent on create, the enterprise"
                        + " extension's manager is used"));
        attributes.add(attr(
                "defaultTier",
                "string",
                false,
                false,
                true,
                "readWrite",
                "default",
                "none",
                "READ_ONLY (default), SUGGEST_ONLY, EXECUTE_WITH_APPROVAL or AUTONOMOUS"));
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

    static ObjectNode enterprise() {
        ObjectNode schema = schema(ScimSchemas.ENTERPRISE_USER, "EnterpriseUser", "Kept as sent");
        ArrayNode attributes = schema.putArray("attributes");
        for (String name : new String[] {"employeeNumber", "costCenter", "organization", "division", "department"}) {
            attributes.add(attr(name, "string", false, false, false, "readWrite", "default", "none", name));
        }
        ObjectNode manager = attr(
                "manager",
                "complex",
                false,
                false,
                false,
                "readWrite",
                "default",
                "none",
                "Used as the sponsor when the agent extension has none");
        ArrayNode subs = manager.putArray("subAttributes");
        subs.add(attr("value", "string", false, false, false, "readWrite", "default", "none", "manager id"));
        subs.add(attr("displayName", "string", false, false, false, "readOnly", "default", "none", "manager"));
        attributes.add(manager);
        return schema;
    }

    static ObjectNode group() {
        ObjectNode schema = schema(ScimSchemas.GROUP, "Group", "A role");
        ArrayNode attributes = schema.putArray("attributes");
        attributes.add(attr(
                "displayName",
                "string",
                false,
                true,
                false,
                "readWrite",
                "always",
                "server",
                "The role's unique name (case-insensitive)"));
        ObjectNode members = attr(
                "members", "complex", true, false, false, "readWrite", "default", "none", "Agents holding the role");
        ArrayNode subs = members.putArray("subAttributes");
        subs.add(attr("value", "string", false, false, true, "immutable", "default", "none", "agent id"));
        subs.add(attr("display", "string", false, false, false, "readOnly", "default", "none", "agent name"));
        subs.add(attr("type", "string", false, false, true, "immutable", "default", "none", "User"));
        subs.add(reference("$ref", "immutable", "User"));
        attributes.add(members);
        return schema;
    }

    private static ObjectNode schema(String id, String name, String description) {
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

    private static ObjectNode reference(String name, String mutability, String referenceType) {
        ObjectNode attribute = attr(name, "reference", false, false, false, mutability, "default", "none", "URI");
        attribute.putArray("referenceTypes").add(referenceType);
        return attribute;
    }
}

package dev.mandate.scim.user;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mandate.agent.entity.Agent;
import dev.mandate.agent.entity.AgentProfile;
import dev.mandate.agent.entity.AgentStatus;
import dev.mandate.agent.entity.AuthorityTier;
import dev.mandate.agent.entity.DirectoryAttributes;
import dev.mandate.rbac.entity.Role;
import dev.mandate.scim.ScimSchemas;
import dev.mandate.scim.error.ScimProblem;
import dev.mandate.scim.http.ScimJson;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A SCIM User is an agent. Core {@code userName} is the agent's name (unique, case-insensitive),
 * {@code externalId} its external id, {@code active} whether it is ACTIVE (false: SUSPENDED). Mandate's
 * extension carries sponsor (optional: an agent without one may do nothing), defaultTier, workflow and
 * description. Other attributes the identity
 * provider sends (name, emails, the enterprise extension...) are kept and given back; the work (else
 * primary, else first) email is searchable. {@code password} is never stored.
 */
public final class UserMapper {

    static final int MAX_DIRECTORY_JSON = 8000;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]*");
    private static final Pattern WORKFLOW = Pattern.compile("[a-z0-9][a-z0-9-]*");

    /** Top-level attributes Mandate owns or refuses to keep; everything else is directory data. */
    private static final Set<String> NOT_DIRECTORY = Set.of(
            "schemas",
            "id",
            "meta",
            "username",
            "externalid",
            "displayname",
            "active",
            "groups",
            "password",
            ScimSchemas.AGENT.toLowerCase(Locale.ROOT));

    /** What a User body says about the agent. */
    public record Mapped(AgentProfile profile, DirectoryAttributes attributes, boolean active) {}

    private UserMapper() {}

    public static ObjectNode toScim(Agent agent, List<Role> groups, String baseUrl) {
        ObjectNode user = ScimJson.object();
        ArrayNode schemas = user.putArray("schemas");
        schemas.add(ScimSchemas.USER);
        user.put("id", agent.id());
        if (agent.externalId() != null) {
            user.put("externalId", agent.externalId());
        }
        user.put("userName", agent.name());
        DirectoryAttributes directory = agent.directoryAttributes();
        if (directory.displayName() != null) {
            user.put("displayName", directory.displayName());
        }
        user.put("active", agent.status() == AgentStatus.ACTIVE);
        if (directory.json() != null) {
            try {
                JsonNode stored = ScimJson.MAPPER.readTree(directory.json());
                stored.fields().forEachRemaining(field -> {
                    user.set(field.getKey(), field.getValue());
                    if (field.getKey().startsWith("urn:") && field.getValue().isObject()) {
                        schemas.add(field.getKey());
                    }
                });
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored directory attributes of agent " + agent.id(), e);
            }
        }
        schemas.add(ScimSchemas.AGENT);
        ObjectNode extension = user.putObject(ScimSchemas.AGENT);
        if (agent.hasSponsor()) {
            extension.put("sponsor", agent.sponsor());
        }
        extension.put("defaultTier", agent.defaultTier().name());
        if (agent.workflow() != null) {
            extension.put("workflow", agent.workflow());
        }
        if (agent.description() != null) {
            extension.put("description", agent.description());
        }
        extension.put("status", agent.status().name());
        if (!groups.isEmpty()) {
            ArrayNode memberOf = user.putArray("groups");
            for (Role role : groups) {
                memberOf.addObject()
                        .put("value", role.id())
                        .put("display", role.name())
                        .put("$ref", baseUrl + "Groups/" + role.id())
                        .put("type", "direct");
            }
        }
        ObjectNode meta = user.putObject("meta");
        meta.put("resourceType", "User");
        meta.put("created", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(agent.createdAt()));
        meta.put("lastModified", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(agent.updatedAt()));
        meta.put("location", baseUrl + "Users/" + agent.id());
        meta.put("version", etag(agent.version()));
        return user;
    }

    public static String etag(long version) {
        return "W/\"" + version + "\"";
    }

    /**
     * Reads a User body. {@code current} (on replace) supplies Mandate's attributes the body leaves out:
     * an identity provider that knows nothing of the extension keeps the agent's sponsor and tier.
     */
    public static Mapped fromScim(ObjectNode user, Agent current) {
        String userName = requiredString(user, "userName", 128);
        if (!NAME.matcher(userName).matches()) {
            throw ScimProblem.invalidValue(
                    "userName must start with a letter or digit and contain only letters, digits and . _ @ + -");
        }
        String externalId = optionalString(user, "externalId", 256);
        if (externalId != null && externalId.isEmpty()) {
            externalId = null;
        }
        String displayName = optionalString(user, "displayName", 256);
        Boolean active = bool(user.get("active"), "active");
        JsonNode extension = user.get(ScimSchemas.AGENT);
        if (extension != null && !extension.isNull() && !extension.isObject()) {
            throw ScimProblem.invalidValue(ScimSchemas.AGENT + " must be an object");
        }
        ObjectNode ext = extension instanceof ObjectNode object ? object : ScimJson.object();
        String sponsor = optionalString(ext, "sponsor", 256);
        if (sponsor == null) {
            sponsor = manager(user);
        }
        if (sponsor == null && current != null) {
            sponsor = current.sponsor();
        }
        if (sponsor != null && sponsor.isBlank()) {
            // no sponsor yet: the agent is provisioned, and denied every envelope until it has one
            sponsor = null;
        }
        String tierText = optionalString(ext, "defaultTier", 32);
        AuthorityTier tier = current != null ? current.defaultTier() : AuthorityTier.READ_ONLY;
        if (tierText != null) {
            tier = tier(tierText);
        }
        String workflow = ext.has("workflow")
                ? optionalString(ext, "workflow", 100)
                : current == null ? null : current.workflow();
        if (workflow != null && !WORKFLOW.matcher(workflow).matches()) {
            throw ScimProblem.invalidValue("workflow must be lowercase letters, digits and -");
        }
        String description = ext.has("description")
                ? optionalString(ext, "description", 1000)
                : current == null ? null : current.description();
        String email = workEmail(user.get("emails"));
        ObjectNode directory = ScimJson.object();
        Iterator<Map.Entry<String, JsonNode>> fields = user.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!NOT_DIRECTORY.contains(field.getKey().toLowerCase(Locale.ROOT))
                    && !field.getValue().isNull()) {
                directory.set(field.getKey(), field.getValue());
            }
        }
        String json = directory.isEmpty() ? null : directory.toString();
        if (json != null && json.length() > MAX_DIRECTORY_JSON) {
            throw ScimProblem.invalidValue(
                    "The user's other attributes exceed " + MAX_DIRECTORY_JSON + " characters of JSON.");
        }
        return new Mapped(
                new AgentProfile(userName, description, sponsor, tier, externalId, workflow),
                new DirectoryAttributes(displayName, email, json),
                active == null || active);
    }

    private static String manager(ObjectNode user) {
        JsonNode enterprise = user.get(ScimSchemas.ENTERPRISE_USER);
        if (enterprise == null || !enterprise.isObject()) {
            return null;
        }
        JsonNode manager = enterprise.get("manager");
        if (manager == null || manager.isNull()) {
            return null;
        }
        if (manager.isTextual()) {
            return blankToNull(manager.textValue());
        }
        for (String key : List.of("value", "displayName")) {
            JsonNode value = manager.get(key);
            if (value != null && value.isTextual() && !value.textValue().isBlank()) {
                return value.textValue().length() > 256 ? null : value.textValue();
            }
        }
        return null;
    }

    /** The work email, else the primary one, else the first. */
    static String workEmail(JsonNode emails) {
        if (emails == null || emails.isNull()) {
            return null;
        }
        if (!emails.isArray()) {
            throw ScimProblem.invalidValue("emails must be an array");
        }
        String work = null;
        String primary = null;
        String first = null;
        for (JsonNode email : emails) {
            if (!email.isObject()) {
                throw ScimProblem.invalidValue("each email must be an object with a value");
            }
            JsonNode value = email.get("value");
            if (value == null || value.isNull()) {
                continue;
            }
            if (!value.isTextual() || value.textValue().length() > 256) {
                throw ScimProblem.invalidValue("emails.value must be a string of at most 256 characters");
            }
            JsonNode type = email.get("type");
            if (work == null && type != null && type.isTextual() && "work".equalsIgnoreCase(type.textValue())) {
                work = value.textValue();
            }
            if (primary == null && Boolean.TRUE.equals(bool(email.get("primary"), "emails.primary"))) {
                primary = value.textValue();
            }
            if (first == null) {
                first = value.textValue();
            }
        }
        return work != null ? work : primary != null ? primary : first;
    }

    static String requiredString(ObjectNode node, String name, int max) {
        String value = optionalString(node, name, max);
        if (value == null || value.isBlank()) {
            throw ScimProblem.invalidValue(name + " is required");
        }
        return value;
    }

    static String optionalString(ObjectNode node, String name, int max) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ScimProblem.invalidValue(name + " must be a string");
        }
        if (value.textValue().length() > max) {
            throw ScimProblem.invalidValue(name + " must be at most " + max + " characters");
        }
        if (value.textValue().chars().anyMatch(Character::isISOControl)) {
            throw ScimProblem.invalidValue(name + " must not contain control characters");
        }
        return value.textValue();
    }

    /** A boolean, also from Entra's "True"/"False" strings. */
    public static Boolean bool(JsonNode value, String name) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual()) {
            if ("true".equalsIgnoreCase(value.textValue())) {
                return true;
            }
            if ("false".equalsIgnoreCase(value.textValue())) {
                return false;
            }
        }
        throw ScimProblem.invalidValue(name + " must be a boolean");
    }

    static AuthorityTier tier(String text) {
        for (AuthorityTier tier : AuthorityTier.values()) {
            if (tier.name().equalsIgnoreCase(text)) {
                return tier;
            }
        }
        throw ScimProblem.invalidValue(
                "defaultTier must be one of READ_ONLY, SUGGEST_ONLY, EXECUTE_WITH_APPROVAL," + " AUTONOMOUS");
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() || text.length() > 256 ? null : text;
    }
}

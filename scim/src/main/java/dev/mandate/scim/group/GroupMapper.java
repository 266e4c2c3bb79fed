package dev.mandate.scim.group;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mandate.agent.entity.Agent;
import dev.mandate.rbac.entity.Role;
import dev.mandate.scim.ScimSchemas;
import dev.mandate.scim.error.ScimProblem;
import dev.mandate.scim.http.ScimJson;
import dev.mandate.scim.user.UserMapper;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A SCIM Group is a role: {@code displayName} is the role's name (unique, case-insensitive), members are
 * the agents holding it (role assignments of principal type AGENT; people holding it are not SCIM
 * members). Permissions and the approver flag are managed in Mandate's own API.
 */
public final class GroupMapper {

    static final int MAX_NAME = 100;

    /** What a Group body says; {@code members} is null when the body does not mention them. */
    public record Mapped(String displayName, String externalId, Set<String> members) {}

    private GroupMapper() {}

    public static ObjectNode toScim(Role role, List<Agent> members, boolean withMembers, String baseUrl) {
        ObjectNode group = ScimJson.object();
        group.putArray("schemas").add(ScimSchemas.GROUP);
        group.put("id", role.id());
        if (role.externalId() != null) {
            group.put("externalId", role.externalId());
        }
        group.put("displayName", role.name());
        if (withMembers) {
            ArrayNode array = group.putArray("members");
            for (Agent agent : members) {
                array.addObject()
                        .put("value", agent.id())
                        .put("display", agent.name())
                        .put("$ref", baseUrl + "Users/" + agent.id())
                        .put("type", "User");
            }
        }
        ObjectNode meta = group.putObject("meta");
        meta.put("resourceType", "Group");
        meta.put("created", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(role.createdAt()));
        meta.put("lastModified", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(role.updatedAt()));
        meta.put("location", baseUrl + "Groups/" + role.id());
        meta.put("version", UserMapper.etag(role.version()));
        return group;
    }

    public static Mapped fromScim(ObjectNode group) {
        JsonNode nameNode = group.get("displayName");
        if (nameNode == null || !nameNode.isTextual() || nameNode.textValue().isBlank()) {
            throw ScimProblem.invalidValue("displayName is required and must be a string");
        }
        String name = nameNode.textValue().trim();
        if (name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw ScimProblem.invalidValue(
                    "displayName must be at most " + MAX_NAME + " characters without control characters");
        }
        JsonNode externalNode = group.get("externalId");
        String externalId = null;
        if (externalNode != null && !externalNode.isNull()) {
            if (!externalNode.isTextual() || externalNode.textValue().length() > 256) {
                throw ScimProblem.invalidValue("externalId must be a string of at most 256 characters");
            }
            externalId = externalNode.textValue().isEmpty() ? null : externalNode.textValue();
        }
        JsonNode membersNode = group.get("members");
        Set<String> members = null;
        if (membersNode != null) {
            members = new LinkedHashSet<>();
            if (!membersNode.isNull()) {
                if (!membersNode.isArray()) {
                    throw ScimProblem.invalidValue("members must be an array");
                }
                for (JsonNode member : membersNode) {
                    JsonNode value = member.isObject() ? member.get("value") : null;
                    if (value == null
                            || !value.isTextual()
                            || value.textValue().isBlank()
                            || value.textValue().length() > 36) {
                        throw ScimProblem.invalidValue("each member needs a 'value': the id of a User");
                    }
                    JsonNode type = member.get("type");
                    if (type != null && type.isTextual() && "Group".equalsIgnoreCase(type.textValue())) {
                        throw ScimProblem.invalidValue("groups cannot be members of groups here");
                    }
                    members.add(value.textValue());
                }
            }
        }
        return new Mapped(name, externalId, members);
    }
}

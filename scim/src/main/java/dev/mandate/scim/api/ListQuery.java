package dev.mandate.scim.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mandate.platform.config.ConfigKey;
import dev.mandate.scim.error.ScimProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The list parameters of RFC 7644 section 3.4.2, from a query string or a {@code .search} body:
 * {@code startIndex} is 1-based (below 1 means 1), {@code count} is capped at maxResults (negative means
 * 0), sorting by one of the supported attributes, stable by id.
 */
public record ListQuery(
        String filter,
        int startIndex,
        int count,
        String sortBy,
        boolean descending,
        List<String> attributes,
        List<String> excludedAttributes) {

    public static ListQuery of(
            String filter,
            String startIndex,
            String count,
            String sortBy,
            String sortOrder,
            String attributes,
            String excludedAttributes,
            boolean users) {
        int max = ConfigKey.SCIM_MAX_RESULTS.get(Integer.class);
        int start = Math.max(1, integer("startIndex", startIndex, 1));
        int size = Math.min(max, Math.max(0, integer("count", count, max)));
        return new ListQuery(
                filter,
                start,
                size,
                sortKey(sortBy, users),
                descending(sortOrder),
                names(attributes),
                names(excludedAttributes));
    }

    public static ListQuery of(ObjectNode search, boolean users) {
        return of(
                text(search, "filter"),
                number(search, "startIndex"),
                number(search, "count"),
                text(search, "sortBy"),
                text(search, "sortOrder"),
                joined(search, "attributes"),
                joined(search, "excludedAttributes"),
                users);
    }

    private static int integer(String name, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            try {
                long big = Long.parseLong(value.trim());
                return big > 0 ? Integer.MAX_VALUE : Integer.MIN_VALUE;
            } catch (NumberFormatException notANumber) {
                throw ScimProblem.invalidValue(name + " must be an integer");
            }
        }
    }

    /** The boundary's sort key for a SCIM sortBy; unknown attributes are 400 invalidValue. */
    static String sortKey(String sortBy, boolean users) {
        if (sortBy == null || sortBy.isBlank()) {
            return null;
        }
        String name = sortBy.trim();
        int urn = name.lastIndexOf(':');
        if (name.toLowerCase(Locale.ROOT).startsWith("urn:") && urn > 0) {
            name = name.substring(urn + 1);
        }
        String key =
                switch (name.toLowerCase(Locale.ROOT)) {
                    case "id" -> "id";
                    case "externalid" -> "externalId";
                    case "username" -> users ? "userName" : null;
                    case "displayname" -> "displayName";
                    case "meta.created" -> "created";
                    case "meta.lastmodified" -> "lastModified";
                    default -> null;
                };
        if (key == null) {
            throw ScimProblem.invalidValue("Cannot sort by '" + sortBy + "'.");
        }
        return key;
    }

    static boolean descending(String sortOrder) {
        if (sortOrder == null || sortOrder.isBlank() || sortOrder.equalsIgnoreCase("ascending")) {
            return false;
        }
        if (sortOrder.equalsIgnoreCase("descending")) {
            return true;
        }
        throw ScimProblem.invalidValue("sortOrder must be 'ascending' or 'descending'");
    }

    static List<String> names(String list) {
        List<String> names = new ArrayList<>();
        if (list != null) {
            for (String name : list.split(",")) {
                if (!name.isBlank()) {
                    names.add(name.trim());
                }
            }
        }
        return names;
    }

    private static String text(ObjectNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ScimProblem.invalidValue(name + " must be a string");
        }
        return value.textValue();
    }

    private static String number(ObjectNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() && !value.isTextual()) {
            throw ScimProblem.invalidValue(name + " must be an integer");
        }
        return value.asText();
    }

    private static String joined(ObjectNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (!value.isArray()) {
            throw ScimProblem.invalidValue(name + " must be an array of attribute names");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw ScimProblem.invalidValue(name + " must be an array of attribute names");
            }
            names.add(item.textValue());
        }
        return String.join(",", names);
    }
}

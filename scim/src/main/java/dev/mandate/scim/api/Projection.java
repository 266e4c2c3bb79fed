package dev.mandate.scim.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mandate.scim.ScimSchemas;
import dev.mandate.scim.http.ScimJson;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code attributes} / {@code excludedAttributes} (RFC 7644 section 3.9) on a resource's JSON, for
 * top-level attributes and their sub-attributes ({@code name.givenName}), core or URN-qualified.
 * {@code id} and {@code schemas} are always returned.
 */
public final class Projection {

    private Projection() {}

    public static ObjectNode apply(ObjectNode resource, List<String> attributes, List<String> excluded) {
        if (!attributes.isEmpty()) {
            ObjectNode projected = ScimJson.object();
            projected.set("schemas", resource.get("schemas"));
            projected.set("id", resource.get("id"));
            for (String attribute : attributes) {
                copy(resource, projected, split(attribute));
            }
            return projected;
        }
        if (!excluded.isEmpty()) {
            ObjectNode projected = resource.deepCopy();
            for (String attribute : excluded) {
                String[] path = split(attribute);
                if (path[0].equalsIgnoreCase("id") || path[0].equalsIgnoreCase("schemas")) {
                    continue;
                }
                JsonNode parent = path.length == 1 ? projected : projected.get(path[0]);
                String leaf = path[path.length - 1];
                if (parent instanceof ObjectNode object) {
                    remove(object, leaf);
                }
            }
            return projected;
        }
        return resource;
    }

    /** {@code urn:...:User:name.givenName} → [name, givenName]; extension attributes keep their URN. */
    static String[] split(String attribute) {
        String name = attribute.trim();
        for (String core : List.of(ScimSchemas.USER, ScimSchemas.GROUP)) {
            if (name.regionMatches(true, 0, core + ":", 0, core.length() + 1)) {
                name = name.substring(core.length() + 1);
            }
        }
        if (name.toLowerCase(Locale.ROOT).startsWith("urn:")) {
            for (String extension : List.of(ScimSchemas.AGENT, ScimSchemas.ENTERPRISE_USER)) {
                if (name.equalsIgnoreCase(extension)) {
                    return new String[] {extension};
                }
                if (name.regionMatches(true, 0, extension + ":", 0, extension.length() + 1)) {
                    return new String[] {extension, name.substring(extension.length() + 1)};
                }
            }
            return new String[] {name};
        }
        int dot = name.indexOf('.');
        return dot < 0 ? new String[] {name} : new String[] {name.substring(0, dot), name.substring(dot + 1)};
    }

    private static void copy(ObjectNode from, ObjectNode to, String[] path) {
        String key = find(from, path[0]);
        if (key == null) {
            return;
        }
        JsonNode value = from.get(key);
        if (path.length == 1) {
            to.set(key, value);
            return;
        }
        if (value instanceof ObjectNode object) {
            String sub = find(object, path[1]);
            if (sub != null) {
                JsonNode existing = to.get(key);
                ObjectNode target = existing instanceof ObjectNode o ? o : to.putObject(key);
                target.set(sub, object.get(sub));
            }
        } else if (value != null && value.isArray()) {
            to.set(key, value);
        }
    }

    private static void remove(ObjectNode object, String name) {
        String key = find(object, name);
        if (key != null) {
            object.remove(key);
        }
    }

    private static String find(ObjectNode object, String name) {
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            String key = fields.next().getKey();
            if (key.equalsIgnoreCase(name)) {
                return key;
            }
        }
        return null;
    }
}

package dev.mandate.rbac.entity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What an agent's roles let it do at all: per tool and action (or {@code *}, every action of the tool)
 * the names of the roles that permit it. Approver roles grant nothing here: their permissions name what
 * their holders may approve. Immutable; a lookup is two hash lookups.
 */
public final class Grants {

    /** No role, so nothing is permitted (least privilege). */
    public static final Grants NONE = new Grants(Map.of());

    /** One permission of one role, as read from the database. */
    public record Grant(String role, String tool, String action) {}

    /** tool → action (or {@code *}) → role names, sorted */
    private final Map<String, Map<String, List<String>>> byTool;

    private Grants(Map<String, Map<String, List<String>>> byTool) {
        this.byTool = byTool;
    }

    public static Grants of(Collection<Grant> grants) {
        Map<String, Map<String, TreeSet<String>>> collected = new HashMap<>();
        for (Grant grant : grants) {
            collected
                    .computeIfAbsent(grant.tool(), tool -> new HashMap<>())
                    .computeIfAbsent(grant.action(), action -> new TreeSet<>())
                    .add(grant.role());
        }
        Map<String, Map<String, List<String>>> byTool = new HashMap<>();
        collected.forEach((tool, actions) -> {
            Map<String, List<String>> roles = new HashMap<>();
            actions.forEach((action, names) -> roles.put(action, List.copyOf(names)));
            byTool.put(tool, Map.copyOf(roles));
        });
        return new Grants(Map.copyOf(byTool));
    }

    /** The grants of the roles a principal holds (approver roles left out). */
    public static Grants ofRoles(Collection<Role> roles) {
        List<Grant> grants = new ArrayList<>();
        for (Role role : roles) {
            if (!role.approver()) {
                role.definition().permissions().forEach(p -> grants.add(new Grant(role.name(), p.tool(), p.action())));
            }
        }
        return of(grants);
    }

    /** The names of the roles that permit this action, sorted; empty when none does. */
    public List<String> permittingRoles(String tool, String action) {
        Map<String, List<String>> actions = byTool.get(tool);
        if (actions == null) {
            return List.of();
        }
        List<String> exact = actions.getOrDefault(action, List.of());
        List<String> anyAction = actions.getOrDefault(Permission.ANY_ACTION, List.of());
        if (anyAction.isEmpty()) {
            return exact;
        }
        if (exact.isEmpty()) {
            return anyAction;
        }
        TreeSet<String> both = new TreeSet<>(exact);
        both.addAll(anyAction);
        return List.copyOf(both);
    }

    public boolean permits(String tool, String action) {
        return !permittingRoles(tool, action).isEmpty();
    }
}

package dev.mandate.routing.entity;

import java.util.List;

/**
 * How long people have to decide, when they are warned, and what happens when the time runs out. Applies to
 * approval requests and escalation items alike.
 *
 * @param fallbackRoles for {@link OnExpiry#FALLBACK}: the approver roles that decide next
 * @param fallbackWithinSeconds for {@link OnExpiry#FALLBACK}: how long they have before it is denied
 */
public record SlaClass(
        String name,
        long decideWithinSeconds,
        long warnBeforeSeconds,
        OnExpiry onExpiry,
        List<String> fallbackRoles,
        long fallbackWithinSeconds) {

    /** Ready to use without configuration; a tenant's own class of the same name replaces it. */
    public static final List<SlaClass> BUILT_IN = List.of(
            new SlaClass("urgent", 300, 60, OnExpiry.DENY, List.of(), 0),
            new SlaClass("standard", 86_400, 3_600, OnExpiry.QUEUE, List.of(), 0));

    public static final String DEFAULT = "standard";

    public SlaClass {
        fallbackRoles = List.copyOf(fallbackRoles);
    }
}

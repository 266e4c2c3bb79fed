package dev.mandate.notification.entity;

import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.error.ProblemType;
import dev.mandate.platform.error.Violation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The event types a subscription takes: named ones, or every one ({@code "*"}, which also takes types
 * added later). Stored as one column: {@code *}, or the names comma-separated in declaration order.
 */
public record EventTypes(boolean all, Set<EventType> named) {

    public static final String ALL = "*";

    public EventTypes {
        named = all ? Set.of() : Set.copyOf(named);
    }

    /**
     * The selection a request names; refuses (422, naming each {@code eventTypes[i]}) unknown types and a
     * {@code "*"} beside other names. Duplicates collapse.
     */
    public static EventTypes parse(List<String> requested) {
        List<Violation> violations = new ArrayList<>();
        Set<EventType> named = EnumSet.noneOf(EventType.class);
        boolean all = false;
        for (int i = 0; i < requested.size(); i++) {
            String name = requested.get(i);
            if (ALL.equals(name)) {
                all = true;
                continue;
            }
            Optional<EventType> type = EventType.of(name);
            if (type.isPresent()) {
                named.add(type.get());
            } else {
                violations.add(new Violation("eventTypes[" + i + "]", "unknown event type; known: " + known()));
            }
        }
        if (all && !named.isEmpty()) {
            violations.add(new Violation("eventTypes", "'*' takes every type and stands alone"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(
                    ProblemType.UNPROCESSABLE, violations.size() + " violation(s); see 'violations'", violations);
        }
        return new EventTypes(all, named);
    }

    /** From the stored column. */
    public static EventTypes stored(String column) {
        if (ALL.equals(column)) {
            return new EventTypes(true, Set.of());
        }
        Set<EventType> named = EnumSet.noneOf(EventType.class);
        Arrays.stream(column.split(","))
                .map(EventType::of)
                .forEach(type -> type.ifPresent(named::add)); // a type no longer known is taken by nothing
        return new EventTypes(false, named);
    }

    /** The stored column: {@code *} or the names comma-separated, in declaration order. */
    public String column() {
        return String.join(",", names());
    }

    /** {@code ["*"]}, or the wire names in declaration order. */
    public List<String> names() {
        if (all) {
            return List.of(ALL);
        }
        return Arrays.stream(EventType.values())
                .filter(named::contains)
                .map(EventType::wire)
                .toList();
    }

    /** Whether an event of this type goes to the subscription. */
    public boolean takes(EventType type) {
        return all || named.contains(type);
    }

    static String known() {
        return Arrays.stream(EventType.values()).map(EventType::wire).collect(Collectors.joining(", "));
    }
}

package dev.mandate.jobs.census.entity;

import dev.mandate.agent.control.AgentRoster;
import dev.mandate.agent.entity.AgentStatus;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** How many agents there are of each status: every status, zero included, in the enum's order. */
public record Census(Map<AgentStatus, Long> agents) {

    public Census {
        EnumMap<AgentStatus, Long> all = new EnumMap<>(AgentStatus.class);
        for (AgentStatus status : AgentStatus.values()) {
            all.put(status, agents.getOrDefault(status, 0L));
        }
        agents = Map.copyOf(all);
    }

    /** The census of some agents of the roster. */
    public static Census of(Collection<AgentRoster.Entry> entries) {
        return new Census(
                entries.stream().collect(Collectors.groupingBy(AgentRoster.Entry::status, Collectors.counting())));
    }

    public long count(AgentStatus status) {
        return agents.get(status);
    }

    public long total() {
        return agents.values().stream().mapToLong(Long::longValue).sum();
    }

    /** E.g. {@code ACTIVE=20 SUSPENDED=3 DEPROVISIONED=2}: the job's exit status. */
    public String summary() {
        return Stream.of(AgentStatus.values())
                .map(status -> status.name() + "=" + count(status))
                .collect(Collectors.joining(" "));
    }
}

package dev.mandate.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallerTest {

    @Test
    void groupsAreCopiedAndUnmodifiable() {
        Set<String> groups = new HashSet<>(Set.of(BuiltInRole.ADMIN));
        Caller caller = new Caller("acme", "alice", groups);

        groups.add(BuiltInRole.AGENT);

        assertThat(caller.groups()).containsExactly(BuiltInRole.ADMIN);
        assertThatThrownBy(() -> caller.groups().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anAgentIsACallerInTheAgentGroup() {
        assertThat(new Caller("acme", "a-1", Set.of(BuiltInRole.AGENT)).isAgent())
                .isTrue();
        assertThat(new Caller("acme", "alice", Set.of(BuiltInRole.ADMIN)).isAgent())
                .isFalse();
        assertThat(new Caller("acme", "alice", Set.of()).isAgent()).isFalse();
    }

    @Test
    void hasGroupIsExact() {
        Caller caller = new Caller("acme", "alice", Set.of(BuiltInRole.AUDITOR));

        assertThat(caller.hasGroup(BuiltInRole.AUDITOR)).isTrue();
        assertThat(caller.hasGroup("MANDATE-AUDITOR")).isFalse();
        assertThat(caller.hasGroup(BuiltInRole.ADMIN)).isFalse();
    }
}

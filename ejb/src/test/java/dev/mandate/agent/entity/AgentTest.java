package dev.mandate.agent.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AgentTest {

    private static final AgentProfile PROFILE = new AgentProfile(
            "triage-bot", "Sorts tickets", "alice@example.com", AuthorityTier.SUGGEST_ONLY, "ext-1", "support");

    @Test
    void aNewAgentIsActiveAndCarriesItsProfile() {
        Agent agent = new Agent("acme", PROFILE, "admin@example.com");

        assertThat(agent.id()).isNotBlank();
        assertThat(agent.tenantId()).isEqualTo("acme");
        assertThat(agent.status()).isEqualTo(AgentStatus.ACTIVE);
        assertThat(agent.isActive()).isTrue();
        assertThat(agent.profile()).isEqualTo(PROFILE);
        assertThat(agent.createdBy()).isEqualTo("admin@example.com");
        assertThat(agent.updatedBy()).isEqualTo("admin@example.com");
        assertThat(agent.createdAt()).isNotNull();
        assertThat(agent.createdAt().getOffset()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void newAgentsGetDistinctIds() {
        assertThat(new Agent("acme", PROFILE, "a").id()).isNotEqualTo(new Agent("acme", PROFILE, "a").id());
    }

    @Test
    void aFixedIdIsKept() {
        assertThat(new Agent("agent-1", "acme", PROFILE, "a").id()).isEqualTo("agent-1");
    }

    @Test
    void changeStatusRecordsFromToReasonAndActor() {
        Agent agent = new Agent("agent-1", "acme", PROFILE, "creator");
        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC);

        AgentStatusChange change = agent.changeStatus(AgentStatus.SUSPENDED, "leaked credentials", "bob");

        assertThat(change.fromStatus()).isEqualTo(AgentStatus.ACTIVE);
        assertThat(change.toStatus()).isEqualTo(AgentStatus.SUSPENDED);
        assertThat(change.reason()).isEqualTo("leaked credentials");
        assertThat(change.changedBy()).isEqualTo("bob");
        assertThat(change.changedAt()).isAfterOrEqualTo(before);
    }

    @Test
    void changeStatusUpdatesTheAgent() {
        Agent agent = new Agent("agent-1", "acme", PROFILE, "creator");

        agent.changeStatus(AgentStatus.SUSPENDED, "investigation", "bob");

        assertThat(agent.status()).isEqualTo(AgentStatus.SUSPENDED);
        assertThat(agent.isActive()).isFalse();
        assertThat(agent.updatedBy()).isEqualTo("bob");
        assertThat(agent.createdBy()).isEqualTo("creator");
        assertThat(agent.profile()).isEqualTo(PROFILE);
    }

    @Test
    void successiveChangesChainTheirStatuses() {
        Agent agent = new Agent("agent-1", "acme", PROFILE, "creator");

        AgentStatusChange suspend = agent.changeStatus(AgentStatus.SUSPENDED, "pause", "bob");
        AgentStatusChange reactivate = agent.changeStatus(AgentStatus.ACTIVE, "resume", "carol");
        AgentStatusChange end = agent.changeStatus(AgentStatus.DEPROVISIONED, "retired", "dave");

        assertThat(suspend.toStatus()).isEqualTo(reactivate.fromStatus()).isEqualTo(AgentStatus.SUSPENDED);
        assertThat(reactivate.toStatus()).isEqualTo(end.fromStatus()).isEqualTo(AgentStatus.ACTIVE);
        assertThat(end.toStatus()).isEqualTo(AgentStatus.DEPROVISIONED);
        assertThat(agent.status()).isEqualTo(AgentStatus.DEPROVISIONED);
        assertThat(agent.updatedBy()).isEqualTo("dave");
    }

    @Test
    void theCreationRecordStartsFromNothing() {
        Agent agent = new Agent("agent-1", "acme", PROFILE, "creator");

        AgentStatusChange created = AgentStatusChange.created(agent, "creator");

        assertThat(created.fromStatus()).isNull();
        assertThat(created.toStatus()).isEqualTo(AgentStatus.ACTIVE);
        assertThat(created.reason()).isEqualTo("created");
        assertThat(created.changedBy()).isEqualTo("creator");
    }

    @Test
    void applyReplacesTheProfileAndRecordsTheEditor() {
        Agent agent = new Agent("agent-1", "acme", PROFILE, "creator");
        AgentProfile edited =
                new AgentProfile("triage-bot-2", null, "bob@example.com", AuthorityTier.READ_ONLY, null, null);

        agent.apply(edited, "editor");

        assertThat(agent.profile()).isEqualTo(edited);
        assertThat(agent.name()).isEqualTo("triage-bot-2");
        assertThat(agent.updatedBy()).isEqualTo("editor");
        assertThat(agent.createdBy()).isEqualTo("creator");
        assertThat(agent.status()).isEqualTo(AgentStatus.ACTIVE);
    }
}

package dev.mandate.api.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.agent.entity.AgentProfile;
import dev.mandate.agent.entity.AuthorityTier;
import org.junit.jupiter.api.Test;

class AgentRequestTest {

    private static AgentRequest request(AuthorityTier tier) {
        AgentRequest request = new AgentRequest();
        request.name = "triage-bot";
        request.description = "Sorts tickets";
        request.sponsor = "alice@example.com";
        request.defaultTier = tier;
        request.externalId = "ext-1";
        request.workflow = "support";
        return request;
    }

    @Test
    void everyFieldReachesTheProfile() {
        assertThat(request(AuthorityTier.AUTONOMOUS).toProfile())
                .isEqualTo(new AgentProfile(
                        "triage-bot",
                        "Sorts tickets",
                        "alice@example.com",
                        AuthorityTier.AUTONOMOUS,
                        "ext-1",
                        "support"));
    }

    @Test
    void anAbsentTierIsLeastPrivilege() {
        assertThat(request(null).toProfile().defaultTier()).isEqualTo(AuthorityTier.READ_ONLY);
    }
}

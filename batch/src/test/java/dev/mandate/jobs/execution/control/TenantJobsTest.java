package dev.mandate.jobs.execution.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class TenantJobsTest {

    @Test
    void onlyTheTenantsJobsExist() {
        assertThat(TenantJobs.exists("agent-census")).isTrue();
        assertThat(TenantJobs.exists("Agent-Census")).isFalse();
        assertThat(TenantJobs.exists("../agent-census")).isFalse();
        assertThat(TenantJobs.exists(null)).isFalse();
    }

    @Test
    void anExecutionBelongsToTheTenantItsParametersName() {
        Properties acme = TenantJobs.parameters("acme");

        assertThat(TenantJobs.belongsTo("agent-census", acme, "acme")).isTrue();
        assertThat(TenantJobs.belongsTo("agent-census", acme, "globex")).isFalse();
        assertThat(TenantJobs.belongsTo("agent-census", new Properties(), "acme"))
                .isFalse();
        assertThat(TenantJobs.belongsTo("agent-census", null, "acme")).isFalse();
        assertThat(TenantJobs.belongsTo("another-apps-job", acme, "acme")).isFalse();
    }
}

package dev.mandate.jobs.execution.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.error.ProblemType;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class TenantJobsTest {

    @Test
    void onlyTheTenantsJobsExist() {
        assertThat(TenantJobs.exists("agent-census")).isTrue();
        assertThat(TenantJobs.exists("Agent-Census")).isFalse();
        assertThat(TenantJobs.exists("../agent-census")).isFalse();
        assertThat(TenantJobs.exists(null)).isFalse();
        assertThat(TenantJobs.names()).contains("agent-census");
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

    @Test
    void noParametersGiveTheTenantAlone() {
        Properties parameters = TenantJobs.parameters("acme", "agent-census", Map.of());

        assertThat(parameters).containsExactly(Map.entry("tenant", "acme"));
    }

    @Test
    void aNameTheJobDoesNotDeclareIs422NamingTheOnesItTakes() {
        // the tenant above all: no caller names another tenant
        for (String name : new String[] {"tenant", "dataset", "x".repeat(500)}) {
            assertThatThrownBy(() -> TenantJobs.parameters("acme", "agent-census", Map.of(name, "globex")))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                        assertThat(e.type()).isEqualTo(ProblemType.UNPROCESSABLE);
                        assertThat(e.violations().get(0).field())
                                .startsWith("parameters.")
                                .hasSizeLessThan(80);
                        assertThat(e.violations().get(0).message()).contains("it takes none");
                    });
        }
    }

    @Test
    void tooManyOrTooLongIs400() {
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i <= TenantJobs.MAX_PARAMETERS; i++) {
            many.put("p" + i, "v");
        }
        assertThatThrownBy(() -> TenantJobs.parameters("acme", "agent-census", many))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.type())
                        .isEqualTo(ProblemType.VALIDATION_FAILED));
        assertThatThrownBy(() -> TenantJobs.parameters(
                        "acme", "agent-census", Map.of("dataset", "x".repeat(TenantJobs.MAX_VALUE_CHARS + 1))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.type()).isEqualTo(ProblemType.VALIDATION_FAILED);
                    assertThat(e.violations().get(0).message()).contains("at most 1000 characters");
                });
    }
}

package dev.mandate.api.readiness;

import static dev.mandate.platform.json.SharedJson.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.readiness.entity.Criterion;
import dev.mandate.readiness.entity.CriterionResult;
import dev.mandate.readiness.entity.WorkflowReadiness;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadinessHtmlTest {

    static final String HOSTILE = "<script>alert('x')</script> & \"quoted\"";

    static WorkflowReadiness workflow(String name, boolean met) {
        return new WorkflowReadiness(
                "ap",
                name,
                List.of(
                        new CriterionResult(
                                Criterion.TASK_BOUNDARIES,
                                met,
                                "Evidence about " + HOSTILE,
                                "/api/v1/workflows/ap",
                                JSON.createObjectBuilder().build()),
                        new CriterionResult(
                                Criterion.AUDIT_VERIFIES, true, "All valid.", "/api/v1/audit/verify", null)),
                Instant.parse("2026-12-10T12:00:00Z"));
    }

    @Test
    void everyValueIsEscapedAndNothingLoadsFromElsewhere() {
        String page = ReadinessHtml.page("t-1", List.of(workflow(HOSTILE, false)));

        assertThat(page).doesNotContain("<script").doesNotContain("'x'").doesNotContain("\"quoted\"");
        assertThat(page)
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;")
                .contains("<title>Launch readiness: &lt;script&gt;");
        assertThat(page).doesNotContainPattern("(?i)(src|href)\\s*=").doesNotContain("http://", "https://", "//");
        assertThat(page).contains("Not ready: 1 of 2 criteria not met").contains("<code>/api/v1/audit/verify</code>");
    }

    @Test
    void aReadyWorkflowSaysSoAndATenantWithoutWorkflowsToo() {
        assertThat(ReadinessHtml.page("t-1", List.of(workflow("AP", true)))).contains("Ready for launch");
        assertThat(ReadinessHtml.page("t-1", List.of())).contains("The tenant has no workflows.");
    }

    @Test
    void theJsonHasTheContractsFields() {
        JsonObject json = ReadinessJson.of(workflow("AP", false));

        assertThat(json.getString("workflow")).isEqualTo("ap");
        assertThat(json.getString("name")).isEqualTo("AP");
        assertThat(json.getBoolean("ready")).isFalse();
        assertThat(json.getString("evaluatedAt")).isEqualTo("2026-12-10T12:00:00Z");
        JsonObject first = json.getJsonArray("criteria").getJsonObject(0);
        assertThat(first.keySet()).containsExactly("criterion", "title", "status", "evidence", "link", "details");
        assertThat(first.getString("status")).isEqualTo("NOT_MET");
        assertThat(first.getString("title")).isEqualTo("Clear task boundaries and refusal rules");
        assertThat(json.getJsonArray("criteria").getJsonObject(1).containsKey("details"))
                .isFalse();
        assertThat(ReadinessJson.list(List.of()).getJsonArray("items")).isEmpty();
    }
}

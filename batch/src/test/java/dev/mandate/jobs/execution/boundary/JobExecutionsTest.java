package dev.mandate.jobs.execution.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.batch.runtime.Metric;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobExecutionsTest {

    @Test
    void metricNamesAreCamelCase() {
        assertThat(JobExecutions.camelCase(Metric.MetricType.READ_COUNT)).isEqualTo("readCount");
        assertThat(JobExecutions.camelCase(Metric.MetricType.PROCESS_SKIP_COUNT))
                .isEqualTo("processSkipCount");
        assertThat(JobExecutions.camelCase(Metric.MetricType.COMMIT_COUNT)).isEqualTo("commitCount");
    }

    @Test
    void aStepReportsFiguresAsAMapOfNamesToNumbersTextOrBooleans() {
        Map<Object, Object> reported = new LinkedHashMap<>();
        reported.put("resolved", 12L);
        reported.put("p95", 0.25);
        reported.put("decision", "PASS");
        reported.put("blocked", false);
        reported.put(7, "not a name");
        reported.put("nested", List.of(1, 2));
        reported.put("missing", null);

        assertThat(JobExecutions.figures(reported))
                .containsExactly(
                        Map.entry("resolved", 12L),
                        Map.entry("p95", 0.25),
                        Map.entry("decision", "PASS"),
                        Map.entry("blocked", false));
        assertThat(JobExecutions.figures("a checkpoint of some other kind")).isEmpty();
        assertThat(JobExecutions.figures(null)).isEmpty();
    }
}

package dev.mandate.jobs.execution.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.batch.runtime.Metric;
import org.junit.jupiter.api.Test;

class JobExecutionsTest {

    @Test
    void metricNamesAreCamelCase() {
        assertThat(JobExecutions.camelCase(Metric.MetricType.READ_COUNT)).isEqualTo("readCount");
        assertThat(JobExecutions.camelCase(Metric.MetricType.PROCESS_SKIP_COUNT))
                .isEqualTo("processSkipCount");
        assertThat(JobExecutions.camelCase(Metric.MetricType.COMMIT_COUNT)).isEqualTo("commitCount");
    }
}

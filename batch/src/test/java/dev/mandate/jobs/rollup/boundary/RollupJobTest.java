package dev.mandate.jobs.rollup.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class RollupJobTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 2);

    private static Properties parameters(String from, String to) {
        Properties properties = new Properties();
        properties.setProperty("tenant", "acme");
        // unset job parameters resolve to empty properties in the job XML
        properties.setProperty("from", from);
        properties.setProperty("to", to);
        return properties;
    }

    @Test
    void withoutDatesTheLastDaysUpToToday() {
        assertThat(RollupJob.days(parameters("", ""), TODAY, 30))
                .isEqualTo(new RollupJob.Days(LocalDate.of(2026, 11, 3), TODAY));
    }

    @Test
    void givenDatesAreTaken() {
        assertThat(RollupJob.days(parameters("2026-01-01", "2026-01-31"), TODAY, 30))
                .isEqualTo(new RollupJob.Days(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31)));
    }

    @Test
    void badDatesAreRefused() {
        assertThatThrownBy(() -> RollupJob.days(parameters("2026-02-30", ""), TODAY, 30))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RollupJob.days(parameters("2026-02-01", "2026-01-01"), TODAY, 30))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RollupJob.days(parameters("1026-01-01", "2026-01-01"), TODAY, 30))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

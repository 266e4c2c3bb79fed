package dev.mandate.jobs.schedule.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ejb.ScheduleExpression;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CronScheduleTest {

    @Test
    void fiveCronFieldsBecomeTheCalendarTimersExpressionAtSecondZero() {
        ScheduleExpression nightly =
                CronSchedule.parse("0 2 * * *").orElseThrow().expression("Europe/Paris");

        assertThat(List.of(
                        nightly.getSecond(),
                        nightly.getMinute(),
                        nightly.getHour(),
                        nightly.getDayOfMonth(),
                        nightly.getMonth(),
                        nightly.getDayOfWeek(),
                        nightly.getTimezone()))
                .containsExactly("0", "0", "2", "*", "*", "*", "Europe/Paris");
        ScheduleExpression weekdays =
                CronSchedule.parse("  */15 8-18  1,15 1-6 1-5 ").orElseThrow().expression("UTC");
        assertThat(List.of(
                        weekdays.getMinute(),
                        weekdays.getHour(),
                        weekdays.getDayOfMonth(),
                        weekdays.getMonth(),
                        weekdays.getDayOfWeek()))
                .containsExactly("*/15", "8-18", "1,15", "1-6", "1-5");
        assertThat(CronSchedule.parse("5/20 0 * * 7").orElseThrow().toString()).isEqualTo("5/20 0 * * 7");
    }

    @Test
    void blankMeansNotScheduled() {
        assertThat(CronSchedule.parse(null)).isEmpty();
        assertThat(CronSchedule.parse("")).isEmpty();
        assertThat(CronSchedule.parse("   ")).isEmpty();
    }

    @Test
    void anythingElseIsRefusedWithWhatIsWrong() {
        assertThatThrownBy(() -> CronSchedule.parse("0 2 * *")).hasMessageContaining("five fields");
        assertThatThrownBy(() -> CronSchedule.parse("0 2 * * * *")).hasMessageContaining("not 6");
        assertThatThrownBy(() -> CronSchedule.parse("60 2 * * *")).hasMessageContaining("minute");
        assertThatThrownBy(() -> CronSchedule.parse("0 24 * * *")).hasMessageContaining("hour");
        assertThatThrownBy(() -> CronSchedule.parse("0 2 0 * *")).hasMessageContaining("day of month");
        assertThatThrownBy(() -> CronSchedule.parse("0 2 * 13 *")).hasMessageContaining("month");
        assertThatThrownBy(() -> CronSchedule.parse("0 2 * * 8")).hasMessageContaining("day of week");
        assertThatThrownBy(() -> CronSchedule.parse("0 2 */2 * *")).hasMessageContaining("minute and hour only");
        assertThatThrownBy(() -> CronSchedule.parse("*/0 2 * * *")).hasMessageContaining("step");
        assertThatThrownBy(() -> CronSchedule.parse("9-3 2 * * *")).hasMessageContaining("range");
        assertThatThrownBy(() -> CronSchedule.parse("0 2 * * MON")).hasMessageContaining("'MON'");
        assertThatThrownBy(() -> CronSchedule.parse("0 2 * * 1,")).hasMessageContaining("day of week");
        assertThatThrownBy(() -> CronSchedule.parse("@daily")).hasMessageContaining("five fields");
        assertThatThrownBy(() -> CronSchedule.parse("99999999999 2 * * *")).hasMessageContaining("minute");
        assertThatThrownBy(() -> CronSchedule.parse("0,".repeat(60) + "0 2 * * *"))
                .hasMessageContaining("too long");
    }

    @Test
    void everyServerFiringNearTheMinuteNamesTheSameSlot() {
        Instant slot = Instant.parse("2026-12-03T02:00:00Z");

        for (String fired : List.of("2026-12-03T01:59:31Z", "2026-12-03T02:00:00Z", "2026-12-03T02:00:29.999Z")) {
            assertThat(ScheduledSlot.of(Instant.parse(fired))).as(fired).isEqualTo(slot);
        }
        assertThat(ScheduledSlot.of(Instant.parse("2026-12-03T02:00:30Z")))
                .isEqualTo(Instant.parse("2026-12-03T02:01:00Z"));
    }
}

package dev.mandate.notification.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.error.ProblemType;
import dev.mandate.platform.error.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventTypesTest {

    @Test
    void everyKnownTypeHasItsWireName() {
        assertThat(List.of(EventType.values()).stream().map(EventType::wire))
                .containsExactly(
                        "approval.created",
                        "approval.sla_warning",
                        "approval.sla_breached",
                        "approval.decided",
                        "escalation.created",
                        "escalation.sla_warning",
                        "escalation.sla_breached",
                        "escalation.resolved",
                        "alert.fired",
                        "alert.resolved",
                        "webhook.test");
        assertThat(EventType.of("approval.decided")).contains(EventType.APPROVAL_DECIDED);
        assertThat(EventType.of("APPROVAL.DECIDED")).isEmpty();
    }

    @Test
    void namedTypesAreTakenAndNothingElse() {
        EventTypes types = EventTypes.parse(List.of("approval.created", "escalation.resolved", "approval.created"));

        assertThat(types.takes(EventType.APPROVAL_CREATED)).isTrue();
        assertThat(types.takes(EventType.ESCALATION_RESOLVED)).isTrue();
        assertThat(types.takes(EventType.APPROVAL_DECIDED)).isFalse();
        assertThat(types.names()).containsExactly("approval.created", "escalation.resolved");
    }

    @Test
    void theStarTakesEveryType() {
        EventTypes all = EventTypes.parse(List.of("*"));

        assertThat(List.of(EventType.values())).allMatch(all::takes);
        assertThat(all.names()).containsExactly("*");
        assertThat(all.column()).isEqualTo("*");
    }

    @Test
    void theColumnReadsBackAsTheSameSelection() {
        EventTypes types = EventTypes.parse(List.of("escalation.sla_breached", "approval.sla_warning"));

        assertThat(types.column()).isEqualTo("approval.sla_warning,escalation.sla_breached");
        assertThat(EventTypes.stored(types.column())).isEqualTo(types);
        assertThat(EventTypes.stored("*")).isEqualTo(EventTypes.parse(List.of("*")));
    }

    @Test
    void unknownTypesAre422NamingEachOne() {
        InvalidRequestException refused = catchThrowableOfType(
                () -> EventTypes.parse(List.of("approval.created", "approval.exploded", "Approval.Created")),
                InvalidRequestException.class);

        assertThat(refused.type()).isEqualTo(ProblemType.UNPROCESSABLE);
        assertThat(refused.violations()).extracting(Violation::field).containsExactly("eventTypes[1]", "eventTypes[2]");
        assertThat(refused.violations().get(0).message()).contains("approval.created", "webhook.test");
    }

    @Test
    void theStarBesideNamedTypesIs422() {
        InvalidRequestException refused = catchThrowableOfType(
                () -> EventTypes.parse(List.of("*", "approval.created")), InvalidRequestException.class);

        assertThat(refused.type()).isEqualTo(ProblemType.UNPROCESSABLE);
        assertThat(refused.violations()).extracting(Violation::field).containsExactly("eventTypes");
    }
}

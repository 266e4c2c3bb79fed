package dev.mandate.platform.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvalidRequestExceptionTest {

    @Test
    void oneFieldGivesOneViolationAndADetailNamingIt() {
        InvalidRequestException e = new InvalidRequestException("name", "is required");

        assertThat(e.type()).isEqualTo(ProblemType.VALIDATION_FAILED);
        assertThat(e.detail()).isEqualTo("name: is required");
        assertThat(e.violations()).containsExactly(new Violation("name", "is required"));
    }

    @Test
    void severalViolationsAreKeptInOrderAndCopied() {
        List<Violation> found = new ArrayList<>(List.of(new Violation("a", "x"), new Violation("b", "y")));
        InvalidRequestException e = new InvalidRequestException(found);

        found.clear();

        assertThat(e.detail()).isEqualTo("2 violation(s); see 'violations'");
        assertThat(e.violations()).containsExactly(new Violation("a", "x"), new Violation("b", "y"));
        assertThatThrownBy(() -> e.violations().add(new Violation("c", "z")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void everyBusinessExceptionCarriesItsType() {
        assertThat(new ResourceNotFoundException("agent", "a-1"))
                .hasMessage("agent 'a-1' not found")
                .extracting(MandateException::type)
                .isEqualTo(ProblemType.NOT_FOUND);
        assertThat(new ConflictException("taken").type()).isEqualTo(ProblemType.CONFLICT);
        assertThat(new AccessDeniedException("no").type()).isEqualTo(ProblemType.FORBIDDEN);
        assertThat(new AgentNotActiveException("agent is SUSPENDED").type()).isEqualTo(ProblemType.AGENT_NOT_ACTIVE);
        assertThat(new StaleVersionException("agent", "a-1").type()).isEqualTo(ProblemType.PRECONDITION_FAILED);
    }
}

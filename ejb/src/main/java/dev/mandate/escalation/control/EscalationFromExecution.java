package dev.mandate.escalation.control;

import dev.mandate.escalation.entity.EscalationSource;
import dev.mandate.escalation.entity.Resolution;
import dev.mandate.execution.entity.ExecutionEnded;
import dev.mandate.execution.entity.ExecutionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Executions that need a person open an item, in the transaction that recorded their end: an outcome
 * nobody knows, and a tool that kept failing until no attempt was left.
 */
@ApplicationScoped
public class EscalationFromExecution {

    @Inject
    EscalationQueue queue;

    void ended(@Observes ExecutionEnded ended) {
        boolean unknown = ended.status() == ExecutionStatus.OUTCOME_UNKNOWN;
        boolean failedAfterRetries = ended.status() == ExecutionStatus.FAILED && ended.attempts() > 1;
        if (!unknown && !failedAfterRetries) {
            return;
        }
        queue.forEnvelope(
                        ended.tenant(),
                        ended.envelopeId(),
                        unknown ? EscalationSource.OUTCOME_UNKNOWN : EscalationSource.EXECUTION_FAILED,
                        ended.reason() == null ? ended.status().name() : ended.reason(),
                        unknown ? Resolution.REJECT : Resolution.EXECUTE,
                        unknown
                                ? "check in " + ended.tool() + " whether it was done: if it was, reject (nothing more"
                                        + " to do); if not, execute to send it again"
                                : ended.attempts() + " attempts failed: execute to try again once the tool works,"
                                        + " or reject")
                .ifPresent(queue::open);
    }
}

package dev.mandate.api.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.mandate.api.agent.AgentRequest;
import dev.mandate.api.agent.CurrentVersionRequest;
import dev.mandate.api.agent.StatusChangeRequest;
import dev.mandate.api.agent.VersionRollbackRequest;
import dev.mandate.api.approval.VoteRequest;
import dev.mandate.api.authority.ShadowModeRequest;
import dev.mandate.api.authority.ToolTierRequest;
import dev.mandate.api.budget.BudgetRequest;
import dev.mandate.api.catalog.ToolRequest;
import dev.mandate.api.decision.EnvelopeRequest;
import dev.mandate.api.devtoken.DevTokenRequest;
import dev.mandate.api.escalation.CheckRequest;
import dev.mandate.api.escalation.CommentRequest;
import dev.mandate.api.escalation.ResolveRequest;
import dev.mandate.api.killswitch.KillSwitchRequest;
import dev.mandate.api.notification.WebhookRequest;
import dev.mandate.api.policy.PolicyRollbackRequest;
import dev.mandate.api.policy.PolicyRuleRequest;
import dev.mandate.api.policy.WhatIfRequest;
import dev.mandate.api.rbac.AssignmentRequest;
import dev.mandate.api.rbac.RoleRequest;
import dev.mandate.api.replay.ReplayRequest;
import dev.mandate.api.routing.ApprovalPolicyRequest;
import dev.mandate.api.routing.SlaClassRequest;
import dev.mandate.api.taxonomy.TaskTypeRequest;
import dev.mandate.api.taxonomy.WorkflowRequest;
import dev.mandate.platform.error.MandateException;
import jakarta.json.bind.JsonbException;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The body of every JSON endpoint, fuzzed: whatever is sent, reading and validating it ends in a bound
 * request or in an exception the API answers with a 4xx problem (a MandateException of a 4xx type, or
 * JSON-B's own, answered 400 malformed-json), and within seconds.
 */
class RequestBodiesFuzzTest {

    static final List<Class<? extends RequestBody>> REQUESTS = List.of(
            AgentRequest.class,
            StatusChangeRequest.class,
            ShadowModeRequest.class,
            ToolTierRequest.class,
            BudgetRequest.class,
            ToolRequest.class,
            EnvelopeRequest.class,
            DevTokenRequest.class,
            KillSwitchRequest.class,
            PolicyRuleRequest.class,
            WhatIfRequest.class,
            AssignmentRequest.class,
            RoleRequest.class,
            TaskTypeRequest.class,
            WorkflowRequest.class,
            VoteRequest.class,
            ResolveRequest.class,
            CheckRequest.class,
            CommentRequest.class,
            ApprovalPolicyRequest.class,
            SlaClassRequest.class,
            WebhookRequest.class,
            ReplayRequest.class,
            PolicyRollbackRequest.class,
            CurrentVersionRequest.class,
            VersionRollbackRequest.class);

    private static final Validator VALIDATOR =
            Validation.buildDefaultValidatorFactory().getValidator();

    @Property(tries = 1500)
    void everyBodyIsReadOrRefusedWith4xx(@ForAll("bodies") Tuple.Tuple2<Class<? extends RequestBody>, String> sent) {
        Class<? extends RequestBody> type = sent.get1();
        String body = sent.get2();
        assertTimeoutPreemptively(
                Duration.ofSeconds(10),
                () -> readAndValidate(type, body),
                () -> type.getSimpleName() + " took too long on a body of " + body.length() + " characters");
    }

    static void readAndValidate(Class<? extends RequestBody> type, String body) {
        try {
            RequestBody request = Readers.read(body, type);
            assertThat(request).isNotNull();
            VALIDATOR.validate(request);
        } catch (MandateException refused) {
            assertThat(refused.type().status())
                    .as("%s on %s", refused.type(), abbreviated(body))
                    .isBetween(400, 499);
        } catch (JsonbException refused) {
            // answered 400 malformed-json by JsonbExceptionMapper / MalformedJsonMapper
        } catch (RuntimeException | StackOverflowError unexpected) {
            throw new AssertionError(
                    type.getSimpleName() + " failed with " + unexpected + " on " + abbreviated(body), unexpected);
        }
    }

    static String abbreviated(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "... (" + body.length() + " characters)";
    }

    @Provide
    Arbitrary<Tuple.Tuple2<Class<? extends RequestBody>, String>> bodies() {
        return Arbitraries.of(REQUESTS)
                .flatMap(type -> HostileJson.bodiesFor(type).map(body -> Tuple.of(type, body)));
    }
}

package dev.mandate.platform.tracing;

import static io.opentelemetry.api.common.AttributeKey.booleanKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/**
 * The attributes Mandate puts on spans: the OpenTelemetry semantic conventions where one fits (GenAI
 * conventions as of {@link Tracing#SCHEMA_URL}, still in development), else {@code mandate.*} with bounded
 * values (ids, enums, rule ids; never free text). Arguments and results only where a tenant opts in, redacted.
 */
public final class SpanAttributes {

    public static final AttributeKey<String> GEN_AI_OPERATION_NAME = stringKey("gen_ai.operation.name");
    public static final AttributeKey<String> GEN_AI_TOOL_NAME = stringKey("gen_ai.tool.name");
    public static final AttributeKey<String> GEN_AI_TOOL_TYPE = stringKey("gen_ai.tool.type");
    public static final AttributeKey<String> GEN_AI_TOOL_CALL_ID = stringKey("gen_ai.tool.call.id");
    public static final AttributeKey<String> GEN_AI_TOOL_CALL_ARGUMENTS = stringKey("gen_ai.tool.call.arguments");
    public static final AttributeKey<String> GEN_AI_TOOL_CALL_RESULT = stringKey("gen_ai.tool.call.result");
    public static final AttributeKey<String> GEN_AI_AGENT_ID = stringKey("gen_ai.agent.id");
    public static final AttributeKey<String> GEN_AI_REQUEST_MODEL = stringKey("gen_ai.request.model");
    public static final AttributeKey<Long> GEN_AI_USAGE_INPUT_TOKENS = longKey("gen_ai.usage.input_tokens");
    public static final AttributeKey<Long> GEN_AI_USAGE_OUTPUT_TOKENS = longKey("gen_ai.usage.output_tokens");
    public static final AttributeKey<String> ERROR_TYPE = stringKey("error.type");
    public static final AttributeKey<Long> HTTP_RESPONSE_STATUS_CODE = longKey("http.response.status_code");

    public static final AttributeKey<String> TENANT = stringKey("mandate.tenant");
    public static final AttributeKey<String> ENVELOPE_ID = stringKey("mandate.envelope.id");
    public static final AttributeKey<String> TASK_TYPE = stringKey("mandate.task_type");
    public static final AttributeKey<String> TOOL_ACTION = stringKey("mandate.tool.action");
    public static final AttributeKey<String> RISK_CLASS = stringKey("mandate.risk_class");
    public static final AttributeKey<String> DECISION = stringKey("mandate.decision");
    public static final AttributeKey<String> TIER = stringKey("mandate.tier");
    public static final AttributeKey<String> POLICY_VERSION = stringKey("mandate.policy.version");
    public static final AttributeKey<List<String>> RULE_IDS = stringArrayKey("mandate.rule_ids");
    public static final AttributeKey<Boolean> KILL_SWITCH_ACTIVE = booleanKey("mandate.kill_switch.active");
    public static final AttributeKey<Boolean> PERMITTED = booleanKey("mandate.roles.permitted");
    public static final AttributeKey<Boolean> BUDGET_RESERVED = booleanKey("mandate.budget.reserved");
    public static final AttributeKey<Boolean> IDEMPOTENT_REPLAY = booleanKey("mandate.idempotent_replay");
    public static final AttributeKey<Long> EXECUTION_ATTEMPT = longKey("mandate.execution.attempt");
    public static final AttributeKey<Long> EXECUTION_RETRY = longKey("mandate.execution.retry");
    public static final AttributeKey<String> EXECUTION_KIND = stringKey("mandate.execution.kind");
    public static final AttributeKey<String> EXECUTION_OUTCOME = stringKey("mandate.execution.outcome");
    public static final AttributeKey<String> EXECUTION_STATUS = stringKey("mandate.execution.status");
    public static final AttributeKey<String> APPROVAL_ID = stringKey("mandate.approval.id");
    public static final AttributeKey<String> ESCALATION_ID = stringKey("mandate.escalation.id");
    public static final AttributeKey<String> JOB_NAME = stringKey("mandate.job.name");
    public static final AttributeKey<String> JOB_STEP = stringKey("mandate.job.step");
    public static final AttributeKey<Long> JOB_EXECUTION_ID = longKey("mandate.job.execution_id");
    public static final AttributeKey<String> OUTCOME = stringKey("mandate.outcome");

    private SpanAttributes() {}
}

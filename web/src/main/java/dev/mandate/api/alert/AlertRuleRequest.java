package dev.mandate.api.alert;

import dev.mandate.api.json.RequestBody;
import java.math.BigDecimal;

/** An alert rule as written; checked as a whole by the rule itself (422 naming each field wrong). */
public class AlertRuleRequest implements RequestBody {

    /** RETRIES, TOOL_ERRORS, DENIALS, COST_PER_TASK, BUDGET_USE or SLA_BREACHES. */
    public String metric;

    /** TENANT (absent), TOOL, TASK_TYPE or WORKFLOW. */
    public String scope;

    /** The tool, task type or workflow key; absent for TENANT. */
    public String scopeValue;

    public Integer windowSeconds;

    /** Absent: 6. */
    public Integer baselineWindows;

    /** Absent: 3. */
    public BigDecimal sensitivity;

    /** Absent: 3. */
    public Integer minCount;

    public BigDecimal threshold;

    /** Absent: true. */
    public Boolean enabled;
}

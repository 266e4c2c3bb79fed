package dev.mandate.routing.control;

import dev.mandate.platform.json.JsonStrings;
import dev.mandate.platform.sql.Sql;
import dev.mandate.routing.entity.ApprovalRoute;
import dev.mandate.routing.entity.OnExpiry;
import dev.mandate.routing.entity.SlaClass;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses how a request is approved (the most specific approval policy: a rule that fired, the task type,
 * the risk class, the tenant's default) and its SLA class (the tenant's, else the built-in one).
 */
@ApplicationScoped
public class ApprovalRouting {

    @Inject
    Sql sql;

    public ApprovalRoute route(String tenant, List<String> ruleIds, String taskType, String riskClass) {
        List<String> selectors = new ArrayList<>();
        ruleIds.forEach(rule -> selectors.add("rule:" + rule));
        selectors.add("task-type:" + taskType);
        selectors.add("risk-class:" + riskClass);
        selectors.add("default");
        Map<String, ApprovalRoute> found = new LinkedHashMap<>();
        sql.list(
                        "select selector, required_approvals, sponsor_may_approve, sla_class from approval_policy"
                                + " where tenant_id = ? and selector in (" + marks(selectors.size()) + ")",
                        r -> new ApprovalRoute(r.getString(1), r.getInt(2), r.getBoolean(3), r.getString(4)),
                        params(tenant, selectors))
                .forEach(route -> found.put(route.selector(), route));
        return selectors.stream()
                .map(found::get)
                .filter(route -> route != null)
                .findFirst()
                .orElse(ApprovalRoute.DEFAULT);
    }

    /** The tenant's SLA class of this name, else the built-in one, else the default. */
    public SlaClass slaClass(String tenant, String name) {
        return own(tenant, name).or(() -> builtIn(name)).orElseGet(() -> builtIn(SlaClass.DEFAULT)
                .orElseThrow());
    }

    public Optional<SlaClass> own(String tenant, String name) {
        return sql.first(
                "select name, decide_within_seconds, warn_before_seconds, on_expiry, fallback_roles,"
                        + " fallback_within_seconds from sla_class where tenant_id = ? and name = ?",
                r -> new SlaClass(
                        r.getString(1),
                        r.getLong(2),
                        r.getLong(3),
                        OnExpiry.valueOf(r.getString(4)),
                        JsonStrings.list(r.getString(5)),
                        r.getLong(6)),
                tenant,
                name);
    }

    public static Optional<SlaClass> builtIn(String name) {
        return SlaClass.BUILT_IN.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public static String marks(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    private static Object[] params(String first, List<String> rest) {
        Object[] all = new Object[rest.size() + 1];
        all[0] = first;
        for (int i = 0; i < rest.size(); i++) {
            all[i + 1] = rest.get(i);
        }
        return all;
    }
}

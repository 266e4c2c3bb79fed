package dev.mandate.routing.boundary;

import dev.mandate.audit.entity.AuditEntry;
import dev.mandate.catalog.entity.RiskClass;
import dev.mandate.configuration.control.ConfigurationChanges;
import dev.mandate.platform.error.InvalidRequestException;
import dev.mandate.platform.error.ResourceNotFoundException;
import dev.mandate.platform.error.Violation;
import dev.mandate.platform.json.JsonStrings;
import dev.mandate.platform.security.Caller;
import dev.mandate.platform.sql.Sql;
import dev.mandate.routing.control.ApprovalRouting;
import dev.mandate.routing.entity.ApprovalRoute;
import dev.mandate.routing.entity.OnExpiry;
import dev.mandate.routing.entity.SlaClass;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A tenant's approval policies (how many approvers, whether the sponsor may approve, which SLA class, per
 * rule, task type, risk class or by default) and SLA classes (due time, warning, what happens on expiry).
 * Both are configuration: every change is audited.
 */
@Stateless
public class RoutingPolicies {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");
    private static final Pattern SLA_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    static final long MAX_SECONDS = 366L * 24 * 3600;

    @Inject
    Sql sql;

    @Inject
    ApprovalRouting routing;

    @Inject
    ConfigurationChanges changes;

    public List<ApprovalRoute> policies(Caller caller) {
        return sql.list(
                "select selector, required_approvals, sponsor_may_approve, sla_class from approval_policy"
                        + " where tenant_id = ? order by selector",
                r -> new ApprovalRoute(r.getString(1), r.getInt(2), r.getBoolean(3), r.getString(4)),
                caller.tenant());
    }

    public ApprovalRoute policy(Caller caller, String selector) {
        return policies(caller).stream()
                .filter(p -> p.selector().equals(selector))
                .findFirst()
                .orElseThrow(() -> new ResourceNotFoundException("approval policy", selector));
    }

    public ApprovalRoute setPolicy(Caller caller, ApprovalRoute route) {
        List<Violation> violations = new ArrayList<>();
        if (!validSelector(route.selector())) {
            violations.add(new Violation(
                    "selector", "must be default, rule:<ruleId>, task-type:<key> or risk-class:<RISK_CLASS>"));
        }
        if (route.requiredApprovals() < 1 || route.requiredApprovals() > 10) {
            violations.add(new Violation("requiredApprovals", "must be between 1 and 10"));
        }
        if (route.slaClass() == null || !slaClassExists(caller.tenant(), route.slaClass())) {
            violations.add(new Violation("slaClass", "must name an SLA class of the tenant or a built-in one"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        sql.update(
                "delete from approval_policy where tenant_id = ? and selector = ?", caller.tenant(), route.selector());
        sql.update(
                "insert into approval_policy (tenant_id, selector, required_approvals, sponsor_may_approve, sla_class,"
                        + " updated_at, updated_by) values (?, ?, ?, ?, ?, ?, ?)",
                caller.tenant(),
                route.selector(),
                route.requiredApprovals(),
                route.sponsorMayApprove(),
                route.slaClass(),
                OffsetDateTime.now(ZoneOffset.UTC),
                caller.subject());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("selector", route.selector());
        details.put("requiredApprovals", Integer.toString(route.requiredApprovals()));
        details.put("sponsorMayApprove", Boolean.toString(route.sponsorMayApprove()));
        details.put("slaClass", route.slaClass());
        changes.record(AuditEntry.adminChange(caller, "approval-policy.set", null, details));
        return route;
    }

    public void deletePolicy(Caller caller, String selector) {
        if (sql.update("delete from approval_policy where tenant_id = ? and selector = ?", caller.tenant(), selector)
                == 0) {
            throw new ResourceNotFoundException("approval policy", selector);
        }
        changes.record(AuditEntry.adminChange(caller, "approval-policy.deleted", null, Map.of("selector", selector)));
    }

    /** The tenant's own classes and the built-in ones it has not replaced. */
    public List<SlaClass> slaClasses(Caller caller) {
        List<SlaClass> own = sql.list(
                "select name from sla_class where tenant_id = ? order by name",
                r -> routing.own(caller.tenant(), r.getString(1)).orElseThrow(),
                caller.tenant());
        List<SlaClass> all = new ArrayList<>(own);
        SlaClass.BUILT_IN.stream()
                .filter(b -> own.stream().noneMatch(o -> o.name().equals(b.name())))
                .forEach(all::add);
        return all;
    }

    public SlaClass slaClass(Caller caller, String name) {
        return routing.own(caller.tenant(), name)
                .or(() -> ApprovalRouting.builtIn(name))
                .orElseThrow(() -> new ResourceNotFoundException("SLA class", name));
    }

    public SlaClass setSlaClass(Caller caller, SlaClass sla) {
        List<Violation> violations = new ArrayList<>();
        if (sla.name() == null || !SLA_NAME.matcher(sla.name()).matches()) {
            violations.add(new Violation("name", "must be 1 to 63 of a-z, 0-9, _ and -"));
        }
        if (sla.decideWithinSeconds() < 1 || sla.decideWithinSeconds() > MAX_SECONDS) {
            violations.add(new Violation("decideWithinSeconds", "must be between 1 and " + MAX_SECONDS));
        }
        if (sla.warnBeforeSeconds() < 0 || sla.warnBeforeSeconds() >= Math.max(1, sla.decideWithinSeconds())) {
            violations.add(new Violation("warnBeforeSeconds", "must be 0 or more and less than decideWithinSeconds"));
        }
        if (sla.onExpiry() == null) {
            violations.add(new Violation("onExpiry", "must be DENY, FALLBACK or QUEUE"));
        }
        if (sla.onExpiry() == OnExpiry.FALLBACK) {
            if (sla.fallbackRoles().isEmpty()) {
                violations.add(new Violation("fallbackRoles", "must name at least one approver role for FALLBACK"));
            }
            if (sla.fallbackWithinSeconds() < 1 || sla.fallbackWithinSeconds() > MAX_SECONDS) {
                violations.add(new Violation("fallbackWithinSeconds", "must be between 1 and " + MAX_SECONDS));
            }
        } else if (!sla.fallbackRoles().isEmpty() || sla.fallbackWithinSeconds() != 0) {
            violations.add(new Violation("fallbackRoles", "are only taken with onExpiry FALLBACK"));
        }
        for (String role : sla.fallbackRoles()) {
            if (!approverRoleExists(caller.tenant(), role)) {
                violations.add(new Violation("fallbackRoles", "'" + role + "' is not an approver role of the tenant"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        sql.update("delete from sla_class where tenant_id = ? and name = ?", caller.tenant(), sla.name());
        sql.update(
                "insert into sla_class (tenant_id, name, decide_within_seconds, warn_before_seconds, on_expiry,"
                        + " fallback_roles, fallback_within_seconds, updated_at, updated_by) values"
                        + " (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                caller.tenant(),
                sla.name(),
                sla.decideWithinSeconds(),
                sla.warnBeforeSeconds(),
                sla.onExpiry().name(),
                JsonStrings.array(sla.fallbackRoles()),
                sla.fallbackWithinSeconds(),
                OffsetDateTime.now(ZoneOffset.UTC),
                caller.subject());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("name", sla.name());
        details.put("decideWithinSeconds", Long.toString(sla.decideWithinSeconds()));
        details.put("onExpiry", sla.onExpiry().name());
        details.put("fallbackRoles", String.join(",", sla.fallbackRoles()));
        changes.record(AuditEntry.adminChange(caller, "sla-class.set", null, details));
        return sla;
    }

    public void deleteSlaClass(Caller caller, String name) {
        long using = sql.first(
                        "select count(*) from approval_policy where tenant_id = ? and sla_class = ?",
                        r -> r.getLong(1),
                        caller.tenant(),
                        name)
                .orElse(0L);
        if (using > 0 && ApprovalRouting.builtIn(name).isEmpty()) {
            throw new dev.mandate.platform.error.ConflictException(
                    "approval policies use SLA class '" + name + "'; change them first");
        }
        if (sql.update("delete from sla_class where tenant_id = ? and name = ?", caller.tenant(), name) == 0) {
            throw new ResourceNotFoundException("SLA class", name);
        }
        changes.record(AuditEntry.adminChange(caller, "sla-class.deleted", null, Map.of("name", name)));
    }

    static boolean validSelector(String selector) {
        if (selector == null) {
            return false;
        }
        if (selector.equals("default")) {
            return true;
        }
        int colon = selector.indexOf(':');
        if (colon < 0) {
            return false;
        }
        String kind = selector.substring(0, colon);
        String value = selector.substring(colon + 1);
        return switch (kind) {
            case "rule", "task-type" -> KEY.matcher(value).matches();
            case "risk-class" -> isRiskClass(value);
            default -> false;
        };
    }

    private static boolean isRiskClass(String value) {
        for (RiskClass risk : RiskClass.values()) {
            if (risk.name().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private boolean slaClassExists(String tenant, String name) {
        return ApprovalRouting.builtIn(name).isPresent()
                || routing.own(tenant, name).isPresent();
    }

    private boolean approverRoleExists(String tenant, String role) {
        return sql.first(
                        "select id from rbac_role where tenant_id = ? and lower(name) = ? and approver = true",
                        r -> r.getString(1),
                        tenant,
                        role.toLowerCase(Locale.ROOT))
                .isPresent();
    }
}

package dev.mandate.demo.boundary;

import dev.mandate.agent.boundary.Agents;
import dev.mandate.agent.entity.AgentProfile;
import dev.mandate.agent.entity.AuthorityTier;
import dev.mandate.platform.config.ConfigKey;
import dev.mandate.platform.security.BuiltInRole;
import dev.mandate.platform.security.Caller;
import dev.mandate.rbac.boundary.Roles;
import dev.mandate.rbac.entity.Permission;
import dev.mandate.rbac.entity.PrincipalType;
import dev.mandate.rbac.entity.Role;
import dev.mandate.rbac.entity.RoleDefinition;
import dev.mandate.tenant.boundary.Tenants;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.util.Arrays;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Loads the quick start's demo tenant: two workflows (support-ticket triage and accounts-payable
 * invoices), their agents and sponsors, agent roles and approver roles. Idempotent; on only where
 * {@code mandate.demo.enabled=true}.
 */
@Startup
@Singleton
@DependsOn("SchemaMigrator")
public class DemoTenantLoader {

    public static final String TRIAGE_BOT = "00000000-de00-4000-8000-000000000001";
    public static final String KB_ANSWERER = "00000000-de00-4000-8000-000000000002";
    public static final String INVOICE_CLERK = "00000000-de00-4000-8000-000000000003";
    public static final String PAYMENT_SCHEDULER = "00000000-de00-4000-8000-000000000004";

    private static final Logger LOG = Logger.getLogger(DemoTenantLoader.class.getName());
    private static final String SUPPORT_LEAD = "alice.support-lead@demo.example";
    private static final String AP_MANAGER = "bob.ap-manager@demo.example";
    private static final String CONTROLLER = "carol.controller@demo.example";

    @EJB
    Tenants tenants;

    @EJB
    Agents agents;

    @EJB
    Roles roles;

    @EJB
    DemoDecisionData decisionPath;

    @PostConstruct
    void load() {
        if (!ConfigKey.DEMO_ENABLED.lookup(Boolean.class).orElse(false)) {
            return;
        }
        String tenant = ConfigKey.DEMO_TENANT.get(String.class);
        if (tenants.find(tenant) != null) {
            LOG.info(() -> "demo tenant '" + tenant + "' already loaded");
            return;
        }
        Caller loader = new Caller(tenant, "mandate-demo-loader", Set.of(BuiltInRole.ADMIN));
        tenants.register(tenant, "Demo Corp");

        agent(
                loader,
                TRIAGE_BOT,
                "triage-bot",
                "Classifies and routes incoming support tickets",
                SUPPORT_LEAD,
                AuthorityTier.SUGGEST_ONLY,
                "support-ticket-triage");
        agent(
                loader,
                KB_ANSWERER,
                "kb-answerer",
                "Drafts answers from the knowledge base",
                SUPPORT_LEAD,
                AuthorityTier.READ_ONLY,
                "support-ticket-triage");
        agent(
                loader,
                INVOICE_CLERK,
                "invoice-clerk",
                "Matches supplier invoices to purchase orders",
                AP_MANAGER,
                AuthorityTier.EXECUTE_WITH_APPROVAL,
                "accounts-payable-invoices");
        agent(
                loader,
                PAYMENT_SCHEDULER,
                "payment-scheduler",
                "Proposes payment runs for approved invoices",
                AP_MANAGER,
                AuthorityTier.SUGGEST_ONLY,
                "accounts-payable-invoices");

        Role triager = role(
                loader,
                "ticket-triager",
                "Reads and routes tickets",
                false,
                "ticketing:read_ticket",
                "ticketing:set_priority",
                "ticketing:assign",
                "ticketing:comment",
                "kb:search");
        Role kbReader =
                role(loader, "kb-reader", "Searches and reads knowledge-base articles", false, "kb:search", "kb:read");
        Role apClerk = role(
                loader,
                "ap-clerk",
                "Reads invoices, matches them, drafts payments",
                false,
                "erp:read_invoice",
                "erp:match_po",
                "erp:create_payment_draft");
        Role apPayer = role(
                loader,
                "ap-payer",
                "Pays matched invoices (tiers, rules and budgets say how far on its own)",
                false,
                "erp:read_invoice",
                "erp:pay_invoice");
        Role supportApprover = role(
                loader,
                "support-lead-approver",
                "Approves customer-facing ticket actions",
                true,
                "ticketing:*",
                "email:send");
        Role financeApprover = role(
                loader,
                "finance-approver",
                "Approves payments and supplier changes",
                true,
                "erp:pay_invoice",
                "erp:create_payment_draft",
                "erp:release_payment",
                "erp:update_supplier_bank");

        roles.assign(loader, triager.id(), PrincipalType.AGENT, TRIAGE_BOT);
        roles.assign(loader, kbReader.id(), PrincipalType.AGENT, KB_ANSWERER);
        roles.assign(loader, apClerk.id(), PrincipalType.AGENT, INVOICE_CLERK);
        roles.assign(loader, apClerk.id(), PrincipalType.AGENT, PAYMENT_SCHEDULER);
        roles.assign(loader, apPayer.id(), PrincipalType.AGENT, INVOICE_CLERK);
        roles.assign(loader, apPayer.id(), PrincipalType.AGENT, PAYMENT_SCHEDULER);
        roles.assign(loader, supportApprover.id(), PrincipalType.PERSON, SUPPORT_LEAD);
        roles.assign(loader, financeApprover.id(), PrincipalType.PERSON, AP_MANAGER);
        roles.assign(loader, financeApprover.id(), PrincipalType.PERSON, CONTROLLER);
        decisionPath.load(loader);
        LOG.info(() -> "demo tenant '" + tenant + "' loaded: 4 agents, 6 roles, 3 tools, 4 task types, 5 policy rules");
    }

    private void agent(
            Caller loader,
            String id,
            String name,
            String description,
            String sponsor,
            AuthorityTier tier,
            String workflow) {
        agents.createWithId(loader, id, new AgentProfile(name, description, sponsor, tier, null, workflow));
    }

    private Role role(Caller loader, String name, String description, boolean approver, String... permissions) {
        Set<Permission> parsed = Arrays.stream(permissions)
                .map(p -> p.split(":", 2))
                .map(p -> new Permission(p[0], p[1]))
                .collect(Collectors.toSet());
        return roles.create(loader, new RoleDefinition(name, description, approver, parsed));
    }
}

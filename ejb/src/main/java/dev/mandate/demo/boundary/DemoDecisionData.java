package dev.mandate.demo.boundary;

import dev.mandate.agent.boundary.Agents;
import dev.mandate.agent.entity.AuthorityTier;
import dev.mandate.authority.boundary.ToolTiers;
import dev.mandate.budget.boundary.Budgets;
import dev.mandate.budget.entity.BudgetPeriod;
import dev.mandate.budget.entity.BudgetScope;
import dev.mandate.catalog.boundary.Tools;
import dev.mandate.catalog.entity.ConnectorDefinition;
import dev.mandate.catalog.entity.RiskClass;
import dev.mandate.catalog.entity.ToolActionDefinition;
import dev.mandate.catalog.entity.ToolDefinition;
import dev.mandate.platform.config.ConfigKey;
import dev.mandate.platform.security.Caller;
import dev.mandate.platform.security.Versions;
import dev.mandate.policy.boundary.PolicyRules;
import dev.mandate.policy.control.RuleDraft;
import dev.mandate.policy.entity.PolicyEffect;
import dev.mandate.policy.entity.RuleKind;
import dev.mandate.taxonomy.boundary.Taxonomy;
import dev.mandate.taxonomy.entity.AllowedTool;
import dev.mandate.taxonomy.entity.RefusalCondition;
import dev.mandate.taxonomy.entity.RefusalOperator;
import dev.mandate.taxonomy.entity.RiskLevel;
import dev.mandate.taxonomy.entity.TaskTypeDefinition;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The demo tenant's decision path: tools of both workflows, task types with targets, limits and
 * refusal conditions, per-tool tiers, budgets, and policy rules chosen so that every outcome
 * (ALLOW, DENY, REQUIRE_APPROVAL, ESCALATE, SHADOW) can be seen with one curl each.
 */
@Stateless
public class DemoDecisionData {

    @EJB
    Tools tools;

    @EJB
    Taxonomy taxonomy;

    @EJB
    ToolTiers toolTiers;

    @EJB
    Budgets budgets;

    @EJB
    Agents agents;

    @EJB
    PolicyRules policyRules;

    public void load(Caller loader) {
        DemoConnectors connectors = new DemoConnectors(ConfigKey.DEMO_TOOLS_BASE_URL.get(String.class));
        tools.create(
                loader,
                new ToolDefinition(
                        "ticketing",
                        "Service desk",
                        "Customer support tickets",
                        List.of(
                                action(
                                        "read_ticket",
                                        RiskClass.READ,
                                        "{\"type\":\"object\",\"required\":[\"ticketId\"],"
                                                + "\"properties\":{\"ticketId\":{\"type\":\"string\"}}}",
                                        connectors.readTicket()),
                                action(
                                        "set_priority",
                                        RiskClass.WRITE,
                                        "{\"type\":\"object\",\"required\":[\"ticketId\",\"priority\"],"
                                                + "\"properties\":{\"ticketId\":{\"type\":\"string\"},"
                                                + "\"priority\":{\"enum\":[\"P1\",\"P2\",\"P3\",\"P4\"]}},\"additionalProperties\":false}",
                                        connectors.setPriority()),
                                action(
                                        "reply",
                                        RiskClass.EXTERNAL_COMMUNICATION,
                                        "{\"type\":\"object\","
                                                + "\"required\":[\"ticketId\",\"to\",\"body\"],\"properties\":{\"ticketId\":{\"type\":\"string\"},"
                                                + "\"to\":{\"type\":\"string\",\"format\":\"email\"},\"body\":{\"type\":\"string\",\"maxLength\":5000}}}",
                                        connectors.reply()))));
        tools.create(
                loader,
                new ToolDefinition(
                        "kb",
                        "Knowledge base",
                        null,
                        List.of(action(
                                "search",
                                RiskClass.READ,
                                "{\"type\":\"object\",\"required\":[\"query\"],"
                                        + "\"properties\":{\"query\":{\"type\":\"string\",\"maxLength\":500}}}",
                                connectors.searchKnowledgeBase()))));
        tools.create(
                loader,
                new ToolDefinition(
                        "erp",
                        "ERP",
                        "Invoices, purchase orders, payments",
                        List.of(
                                action(
                                        "read_invoice",
                                        RiskClass.READ,
                                        "{\"type\":\"object\",\"required\":[\"invoiceId\"],"
                                                + "\"properties\":{\"invoiceId\":{\"type\":\"string\"}}}",
                                        connectors.readInvoice()),
                                action(
                                        "match_po",
                                        RiskClass.WRITE,
                                        "{\"type\":\"object\",\"required\":[\"invoiceId\",\"poId\"],"
                                                + "\"properties\":{\"invoiceId\":{\"type\":\"string\"},\"poId\":{\"type\":\"string\"}}}",
                                        connectors.matchPurchaseOrder()),
                                action(
                                        "pay_invoice",
                                        RiskClass.MONEY_MOVEMENT,
                                        "{\"type\":\"object\","
                                                + "\"required\":[\"invoiceId\",\"amount\",\"currency\"],\"properties\":{"
                                                + "\"invoiceId\":{\"type\":\"string\"},\"amount\":{\"type\":\"number\",\"exclusiveMinimum\":0},"
                                                + "\"currency\":{\"enum\":[\"EUR\",\"USD\",\"GBP\"]}},\"additionalProperties\":false}",
                                        connectors.payInvoice()))));

        taxonomy.createWorkflow(
                loader, "support-ticket-triage", "Support-ticket triage", "Classify, route and answer tickets");
        taxonomy.createWorkflow(
                loader, "accounts-payable-invoices", "Accounts payable", "Match and pay supplier invoices");
        taskType(
                loader,
                "triage-ticket",
                "support-ticket-triage",
                "Triage a ticket",
                "Read a new ticket, search the knowledge base, set its priority",
                "Priority matches the reviewer's in 95% of sampled tickets",
                RiskLevel.LOW,
                Set.of(
                        new AllowedTool("ticketing", "read_ticket"),
                        new AllowedTool("ticketing", "set_priority"),
                        new AllowedTool("kb", "search")),
                List.of(),
                "0.95",
                4,
                "0.02");
        taskType(
                loader,
                "reply-to-customer",
                "support-ticket-triage",
                "Answer a customer",
                "Send a reply grounded in knowledge-base articles",
                "Customer confirms resolution; no reopened ticket within 7 days",
                RiskLevel.MEDIUM,
                Set.of(new AllowedTool("ticketing", "reply"), new AllowedTool("kb", "search")),
                List.of(new RefusalCondition(
                        "evidence", RefusalOperator.MISSING, null, "a reply needs cited evidence")),
                "0.90",
                6,
                "0.05");
        taskType(
                loader,
                "match-invoice",
                "accounts-payable-invoices",
                "Match an invoice to its purchase order",
                "Three-way match of invoice, purchase order and goods receipt",
                "Match confirmed by the AP clerk in 98% of sampled invoices",
                RiskLevel.LOW,
                Set.of(new AllowedTool("erp", "read_invoice"), new AllowedTool("erp", "match_po")),
                List.of(),
                "0.98",
                4,
                "0.03");
        taskType(
                loader,
                "pay-invoice",
                "accounts-payable-invoices",
                "Pay a matched invoice",
                "Release payment of a matched, approved invoice to the supplier of record",
                "Paid once, on time, the right amount to the right account",
                RiskLevel.HIGH,
                Set.of(new AllowedTool("erp", "read_invoice"), new AllowedTool("erp", "pay_invoice")),
                List.of(new RefusalCondition(
                        "requestedAction.arguments.amount",
                        RefusalOperator.GREATER_THAN,
                        "50000",
                        "treasury pays amounts above 50,000")),
                "0.99",
                5,
                "0.10");

        toolTiers.set(loader, DemoTenantLoader.TRIAGE_BOT, "ticketing", AuthorityTier.AUTONOMOUS);
        toolTiers.set(loader, DemoTenantLoader.INVOICE_CLERK, "erp", AuthorityTier.AUTONOMOUS);
        agents.setShadowMode(loader, DemoTenantLoader.PAYMENT_SCHEDULER, Versions.ANY, true);
        budgets.set(loader, BudgetScope.AGENT, DemoTenantLoader.INVOICE_CLERK, BudgetPeriod.DAY, new BigDecimal("50"));
        budgets.set(loader, BudgetScope.TENANT, null, BudgetPeriod.DAY, new BigDecimal("1000"));

        rule(
                loader,
                "payment-cap",
                "Payments above 10,000 are never made by an agent",
                10,
                RuleKind.AMOUNT_CAP,
                Map.of("path", "amount", "max", 10000),
                null,
                PolicyEffect.DENY,
                null,
                "agents pay at most 10,000 per invoice");
        rule(
                loader,
                "fraud-label",
                "A fraud label sends the task to a person",
                20,
                RuleKind.EXPRESSION,
                Map.of(),
                "has(context.labels) && context.labels.exists(l, l == 'fraud-suspected')",
                PolicyEffect.ESCALATE,
                null,
                "a classifier flagged possible fraud");
        rule(
                loader,
                "payments-over-1000",
                "Payments above 1,000 need a finance approver",
                30,
                RuleKind.AMOUNT_CAP,
                Map.of("path", "amount", "max", 1000),
                null,
                PolicyEffect.REQUIRE_APPROVAL,
                "finance-approver",
                "payments above 1,000 need a finance approver");
        rule(
                loader,
                "small-payments",
                "Payments up to 1,000 of matched invoices run on their own",
                40,
                RuleKind.EXPRESSION,
                Map.of(),
                "task.action == 'pay_invoice' && dyn(args.amount) <= 1000.0",
                PolicyEffect.ALLOW,
                null,
                "matched payments up to 1,000 are routine");
        rule(
                loader,
                "no-replies-to-competitors",
                "Never write to competitors",
                50,
                RuleKind.DOMAIN_DENY,
                Map.of("path", "to", "domains", List.of("competitor.example")),
                null,
                PolicyEffect.DENY,
                null,
                "no replies to competitor domains");
    }

    private void taskType(
            Caller loader,
            String key,
            String workflow,
            String name,
            String definition,
            String success,
            RiskLevel risk,
            Set<AllowedTool> allowed,
            List<RefusalCondition> refusals,
            String successRate,
            int maxToolCalls,
            String costPerTask) {
        taxonomy.createTaskType(
                loader,
                new TaskTypeDefinition(
                        key,
                        workflow,
                        name,
                        definition,
                        success,
                        risk,
                        allowed,
                        refusals,
                        new TaskTypeDefinition.Targets(
                                new BigDecimal(successRate),
                                new BigDecimal("0.10"),
                                2000L,
                                new BigDecimal(costPerTask)),
                        new TaskTypeDefinition.Limits(10, maxToolCalls, new BigDecimal("2")),
                        false,
                        null));
    }

    private void rule(
            Caller loader,
            String id,
            String name,
            int priority,
            RuleKind kind,
            Map<String, Object> params,
            String expression,
            PolicyEffect effect,
            String approverRole,
            String reason) {
        policyRules.create(
                loader,
                new RuleDraft(id, name, priority, kind, params, expression, effect, approverRole, reason, true));
    }

    private static ToolActionDefinition action(
            String key, RiskClass risk, String schema, ConnectorDefinition connector) {
        return new ToolActionDefinition(key, risk, schema, null, connector);
    }
}

-- A counter per tenant that moves with every audited configuration change (catalogue, task taxonomy,
-- authority tiers, budgets, kill switches, policy rules), in the change's own transaction. A server may
-- keep the configuration a decision reads for as long as the counter it read it at is unchanged: one
-- primary-key read per decision instead of a dozen queries, and a change on any server is seen by the very
-- next decision everywhere. tenant_id '*' is the platform's row (the global kill switch). No foreign key:
-- '*' is not a tenant. Rows appear with a tenant's first change.
create table config_generation (
    tenant_id  varchar(63) not null primary key,
    generation bigint      not null
);

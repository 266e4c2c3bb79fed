-- What identity providers need of an agent's lifecycle (issue 15).
-- Portable SQL: runs on PostgreSQL (production, tests) and H2 2.x (quick start).

-- An agent may exist without a sponsor: it is provisioned and listed, but every envelope it sends is
-- denied (NO_SPONSOR) until someone sets one, over SCIM or the API.
alter table agent alter column sponsor drop not null;

-- A deprovisioned agent keeps its row, history and audit but releases its name and external id, so an
-- identity provider can create them again. H2 has no partial unique indexes: active_name and
-- active_external_id are copies of name_lower and external_id while the agent is not deprovisioned and
-- NULL afterwards (Agent maintains them); both databases treat NULLs as distinct in a unique index.
alter table agent add column active_name varchar(128);
alter table agent add column active_external_id varchar(256);
update agent set active_name = name_lower, active_external_id = external_id where status <> 'DEPROVISIONED';
alter table agent drop constraint uq_agent_tenant_name;
drop index uq_agent_tenant_name_lower;
drop index uq_agent_tenant_external_id;
create unique index uq_agent_tenant_active_name on agent (tenant_id, active_name);
create unique index uq_agent_tenant_active_external_id on agent (tenant_id, active_external_id);
-- the lookups, filters and sorts on name_lower and external_id keep an index of their own
create index ix_agent_tenant_name_lower on agent (tenant_id, name_lower);
create index ix_agent_tenant_external_id on agent (tenant_id, external_id);

-- Who suspended an agent: API (an admin) or SCIM (the identity provider); NULL while it is not
-- suspended. SCIM's active=true lifts only a suspension SCIM made. Suspensions from before this column
-- existed are taken as an admin's: the identity provider cannot lift them.
alter table agent add column suspended_by varchar(16);
update agent set suspended_by = 'API' where status = 'SUSPENDED';
alter table agent add constraint ck_agent_suspended_by check (suspended_by in ('API', 'SCIM'));

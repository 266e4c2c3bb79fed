-- SCIM 2.0 provisioning (issue 4): agents are SCIM Users, roles are SCIM Groups.
-- Portable SQL: runs on PostgreSQL (production, tests) and H2 2.x (quick start).

-- userName and group displayName are case-insensitive in SCIM: a maintained lower-case copy with a
-- unique index makes "Bot" and "bot" collide in the database itself, also when two creates race.
alter table agent add column name_lower varchar(128);
update agent set name_lower = lower(name);
alter table agent alter column name_lower set not null;
create unique index uq_agent_tenant_name_lower on agent (tenant_id, name_lower);

-- directory attributes an identity provider sends that Mandate keeps but does not act on
alter table agent add column display_name varchar(256);
alter table agent add column email varchar(256);
alter table agent add column email_lower varchar(256);
alter table agent add column directory_attributes varchar(8000);
create index ix_agent_tenant_email_lower on agent (tenant_id, email_lower);
create index ix_agent_tenant_updated on agent (tenant_id, updated_at);

alter table rbac_role add column name_lower varchar(100);
update rbac_role set name_lower = lower(name);
alter table rbac_role alter column name_lower set not null;
create unique index uq_rbac_role_tenant_name_lower on rbac_role (tenant_id, name_lower);
alter table rbac_role add column external_id varchar(256);
create index ix_rbac_role_tenant_external_id on rbac_role (tenant_id, external_id);

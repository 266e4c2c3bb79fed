-- PostgreSQL only (SchemaMigrator adds this folder on PostgreSQL): SCIM filters with 'co', 'sw' and 'ew'
-- on userName / displayName become LIKE '%...%' on name_lower, which a b-tree cannot serve; without these
-- a page of results (and its exact totalResults) scans every agent of the tenant. pg_trgm is a trusted
-- extension (PostgreSQL 13+): the database owner may create it; where policy forbids that, a DBA creates
-- it once beforehand and this statement does nothing.
create extension if not exists pg_trgm;
create index ix_agent_name_lower_trgm on agent using gin (name_lower gin_trgm_ops);
create index ix_rbac_role_name_lower_trgm on rbac_role using gin (name_lower gin_trgm_ops);

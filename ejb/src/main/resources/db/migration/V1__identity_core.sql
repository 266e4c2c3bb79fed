-- Identity core: tenants, agents (with their status history) and RBAC roles.
-- Portable SQL: runs on PostgreSQL (production, tests) and H2 2.x (quick start).

create table tenant (
    id           varchar(63)              not null primary key,
    display_name varchar(200)             not null,
    created_at   timestamp with time zone not null
);

create table agent (
    id           varchar(36)              not null primary key,
    tenant_id    varchar(63)              not null references tenant (id),
    name         varchar(128)             not null,
    description  varchar(1000),
    sponsor      varchar(256)             not null,
    status       varchar(16)              not null,
    default_tier varchar(32)              not null,
    external_id  varchar(256),
    workflow     varchar(100),
    version      bigint                   not null,
    created_at   timestamp with time zone not null,
    created_by   varchar(256)             not null,
    updated_at   timestamp with time zone not null,
    updated_by   varchar(256)             not null,
    constraint uq_agent_tenant_name unique (tenant_id, name),
    constraint ck_agent_status check (status in ('ACTIVE', 'SUSPENDED', 'DEPROVISIONED')),
    constraint ck_agent_default_tier check (default_tier in ('READ_ONLY', 'SUGGEST_ONLY', 'EXECUTE_WITH_APPROVAL', 'AUTONOMOUS'))
);
-- both databases treat NULLs as distinct, so agents without an external id do not collide
create unique index uq_agent_tenant_external_id on agent (tenant_id, external_id);
create index ix_agent_tenant_status on agent (tenant_id, status);

create table agent_status_change (
    id          varchar(36)              not null primary key,
    tenant_id   varchar(63)              not null references tenant (id),
    agent_id    varchar(36)              not null references agent (id),
    from_status varchar(16),
    to_status   varchar(16)              not null,
    reason      varchar(500)             not null,
    changed_by  varchar(256)             not null,
    changed_at  timestamp with time zone not null
);
create index ix_agent_status_change_agent on agent_status_change (agent_id, changed_at);

create table rbac_role (
    id          varchar(36)              not null primary key,
    tenant_id   varchar(63)              not null references tenant (id),
    name        varchar(100)             not null,
    description varchar(1000),
    approver    boolean                  not null,
    version     bigint                   not null,
    created_at  timestamp with time zone not null,
    created_by  varchar(256)             not null,
    updated_at  timestamp with time zone not null,
    updated_by  varchar(256)             not null,
    constraint uq_rbac_role_tenant_name unique (tenant_id, name)
);

create table rbac_role_permission (
    role_id varchar(36)  not null references rbac_role (id) on delete cascade,
    tool    varchar(100) not null,
    action  varchar(100) not null,
    primary key (role_id, tool, action)
);

create table rbac_role_assignment (
    id             varchar(36)              not null primary key,
    tenant_id      varchar(63)              not null references tenant (id),
    role_id        varchar(36)              not null references rbac_role (id) on delete cascade,
    principal_type varchar(16)              not null,
    principal      varchar(256)             not null,
    created_at     timestamp with time zone not null,
    created_by     varchar(256)             not null,
    constraint uq_rbac_role_assignment unique (role_id, principal_type, principal),
    constraint ck_rbac_principal_type check (principal_type in ('AGENT', 'PERSON'))
);
create index ix_rbac_assignment_principal on rbac_role_assignment (tenant_id, principal_type, principal);

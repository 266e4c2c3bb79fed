-- Policy rules: the tenant's policy set (its version is the "policy version" of every decision), the
-- current rules, and every version of every rule (history is never deleted).
-- Portable SQL: runs on PostgreSQL (production, tests) and H2 2.x (quick start).

create table policy_set (
    tenant_id  varchar(63)              not null primary key references tenant (id),
    version    bigint                   not null,
    updated_at timestamp with time zone not null,
    updated_by varchar(256)             not null
);

create table policy_rule (
    id            varchar(36)              not null primary key,
    tenant_id     varchar(63)              not null references tenant (id),
    rule_id       varchar(63)              not null,
    rule_version  integer                  not null,
    name          varchar(200)             not null,
    priority      integer                  not null,
    kind          varchar(32)              not null,
    params        varchar(16384)           not null,
    expression    varchar(16384)           not null,
    effect        varchar(32)              not null,
    approver_role varchar(100),
    reason        varchar(500)             not null,
    enabled       boolean                  not null,
    lock_version  bigint                   not null,
    created_at    timestamp with time zone not null,
    created_by    varchar(256)             not null,
    updated_at    timestamp with time zone not null,
    updated_by    varchar(256)             not null,
    constraint uq_policy_rule_tenant_rule unique (tenant_id, rule_id),
    constraint ck_policy_rule_kind check (kind in ('AMOUNT_CAP', 'DOMAIN_ALLOW', 'DOMAIN_DENY', 'REQUIRED_FIELDS', 'RATE_LIMIT', 'EXPRESSION')),
    constraint ck_policy_rule_effect check (effect in ('ALLOW', 'REQUIRE_APPROVAL', 'ESCALATE', 'DENY'))
);
create index ix_policy_rule_tenant_order on policy_rule (tenant_id, priority, rule_id);

create table policy_rule_version (
    id             varchar(36)              not null primary key,
    tenant_id      varchar(63)              not null references tenant (id),
    rule_id        varchar(63)              not null,
    rule_version   integer                  not null,
    change_type    varchar(16)              not null,
    policy_version bigint                   not null,
    name           varchar(200)             not null,
    priority       integer                  not null,
    kind           varchar(32)              not null,
    params         varchar(16384)           not null,
    expression     varchar(16384)           not null,
    effect         varchar(32)              not null,
    approver_role  varchar(100),
    reason         varchar(500)             not null,
    enabled        boolean                  not null,
    changed_at     timestamp with time zone not null,
    changed_by     varchar(256)             not null,
    constraint uq_policy_rule_version unique (tenant_id, rule_id, rule_version),
    constraint ck_policy_rule_version_change check (change_type in ('CREATED', 'UPDATED', 'DELETED'))
);

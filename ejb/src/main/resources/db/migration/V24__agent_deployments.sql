-- Which version of an agent is current, and every change of it: promotions and rollbacks, newest last.
-- A change takes the next sequence of its agent; the primary key lets only one of two concurrent changes
-- take it (the other is refused, as a stale If-Match would be). Portable SQL: PostgreSQL and H2.
create table agent_deployment (
    tenant_id        varchar(63)              not null,
    agent_id         varchar(36)              not null references agent (id),
    seq              integer                  not null,
    version          varchar(64)              not null,
    -- the version that was current before this change (null for the first)
    previous_version varchar(64),
    change_type      varchar(16)              not null,
    reason           varchar(500),
    changed_by       varchar(256)             not null,
    changed_at       timestamp with time zone not null,
    constraint pk_agent_deployment primary key (agent_id, seq),
    constraint fk_agent_deployment_version foreign key (agent_id, version) references agent_version (agent_id, version),
    constraint ck_agent_deployment_change check (change_type in ('PROMOTED', 'ROLLED_BACK'))
);
create index ix_agent_deployment_tenant on agent_deployment (tenant_id, agent_id, seq);

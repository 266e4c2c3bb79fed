-- How jobs are started and kept honest across servers (dev.mandate.jobs.execution). Payara's job repository
-- (V14) knows neither tenants nor servers; these tables say which tenant an execution is for, which server
-- runs it, and which server took a scheduled slot. Same DDL on PostgreSQL and H2.

-- one row per job execution Mandate started (by the API, a schedule or a restart): the tenant's list of
-- recent executions reads it newest first, and recovery finds the executions of a server that is gone
create table job_run (
    execution_id bigint                   not null primary key,
    tenant_id    varchar(63)              not null,
    job_name     varchar(100)             not null,
    -- API, SCHEDULE or RESTART
    started_by   varchar(10)              not null,
    -- JobServer.id(): instance@host/boot, new on every start of a server
    server_id    varchar(200)             not null,
    created_at   timestamp with time zone not null
);
create index ix_job_run_tenant on job_run (tenant_id, execution_id);
create index ix_job_run_server on job_run (server_id);

-- a scheduled slot of a job for a tenant ('' for a job that runs once for the whole system) is taken by one
-- server: the primary key makes a second server's insert fail, whichever commits first wins
create table job_lease (
    job_name     varchar(100)             not null,
    tenant_id    varchar(63)              not null,
    slot         timestamp with time zone not null,
    server_id    varchar(200)             not null,
    taken_at     timestamp with time zone not null,
    execution_id bigint,
    primary key (job_name, tenant_id, slot)
);

-- each running server's heartbeat: executions of a server whose heartbeat stopped longer ago than the lease
-- (mandate.jobs.server-lease-seconds) are marked FAILED by the others, so they can be restarted
create table job_server (
    server_id    varchar(200)             not null primary key,
    started_at   timestamp with time zone not null,
    heartbeat_at timestamp with time zone not null
);

-- the audit-verification job (dev.mandate.jobs.auditverification): each chain's result, per job instance.
-- A chunk's results commit with its checkpoint (the last chain verified), so a restarted verification goes
-- on from there and checks no chain twice. first_bad_* name the chain's first bad record, if any.
create table audit_chain_verification (
    job_instance_id     bigint                   not null,
    tenant_id           varchar(63)              not null,
    chain_no            integer                  not null,
    valid               boolean                  not null,
    records_checked     bigint                   not null,
    checkpoints_checked bigint                   not null,
    first_bad_sequence  bigint,
    first_bad_record_id varchar(36),
    first_bad_problem   varchar(20),
    first_bad_detail    varchar(1000),
    verified_at         timestamp with time zone not null,
    primary key (job_instance_id, chain_no)
);
create index ix_audit_chain_verification_tenant on audit_chain_verification (tenant_id, job_instance_id);

-- Retention of personal data in audit summaries without breaking the chains. A record written from now on
-- commits to its summary through SHA-256(salt + summary), salt random per record (CanonicalForm.record):
-- its hash covers that digest, not the summary. The retention job deletes an old record's summary and salt
-- and keeps the digest: the record still verifies, and what was said cannot be recovered from the digest
-- (the salt is gone). Records written before keep a hash over the summary itself (both columns null) and
-- are never redacted: changing them would break their chain.
alter table audit_record add column input_summary_salt varchar(32);
alter table audit_record add column input_summary_digest varchar(64);
alter table audit_record add column input_summary_redacted_at timestamp with time zone;

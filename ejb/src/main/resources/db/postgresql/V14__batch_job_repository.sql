-- The job repository of Payara's batch runtime (IBM JBatch), which keeps it in jdbc/mandate
-- (server-config/asadmin/50-batch.asadmin, server-config/local/domain.sh), and the agent census job's
-- counts. PostgreSQL variant; the quick start's H2 gets db/h2/V14 (Payara's DDL differs per database).
--
-- The six tables are the ones Payara 6's PostgresPersistenceManager creates when it finds them missing,
-- column for column. At its first use the runtime looks each one up in information_schema.tables (schema
-- public, lower-case name) and creates only what is not there: with these it creates nothing, so the
-- schema holds no table Flyway did not make. "if not exists": a database whose runtime already ran before
-- this migration (it created them itself then, with this same DDL) keeps its tables and job history.
create table if not exists checkpointdata (id character varying (512), obj bytea);
create table if not exists jobinstancedata (
    jobinstanceid serial not null primary key,
    name          character varying (512),
    apptag        varchar(512)
);
create table if not exists executioninstancedata (
    jobexecid     serial not null primary key,
    jobinstanceid bigint not null references jobinstancedata (jobinstanceid),
    createtime    timestamp,
    starttime     timestamp,
    endtime       timestamp,
    updatetime    timestamp,
    parameters    bytea,
    batchstatus   character varying (512),
    exitstatus    character varying (512)
);
create table if not exists stepexecutioninstancedata (
    stepexecid       serial not null primary key,
    jobexecid        bigint not null references executioninstancedata (jobexecid),
    batchstatus      character varying (512),
    exitstatus       character varying (512),
    stepname         character varying (512),
    readcount        integer,
    writecount       integer,
    commitcount      integer,
    rollbackcount    integer,
    readskipcount    integer,
    processskipcount integer,
    filtercount      integer,
    writeskipcount   integer,
    starttime        timestamp,
    endtime          timestamp,
    persistentdata   bytea
);
create table if not exists jobstatus (id bigint not null references jobinstancedata (jobinstanceid), obj bytea);
create table if not exists stepstatus (id bigint not null references stepexecutioninstancedata (stepexecid), obj bytea);

-- The agent census job (dev.mandate.jobs.census): per job instance and status, the agents counted so far.
-- Each chunk adds its counts in the transaction that stores its checkpoint, so a restarted census goes on
-- from there and counts no agent twice. Same DDL in db/h2/V14.
create table agent_census (
    job_instance_id bigint      not null,
    tenant_id       varchar(63) not null,
    status          varchar(20) not null,
    agents          bigint      not null,
    primary key (job_instance_id, status)
);

-- the census walks a tenant's agents in id order (AgentRoster)
create index ix_agent_tenant_id on agent (tenant_id, id);

-- Envelopes per agent and tool per time bucket, what rate rules read (rate.agent_minute, rate.agent_hour,
-- rate.agent_tool_hour). Every decision adds one to its 5-second bucket and to its 1-minute bucket, in the
-- decision's transaction; a rule sums the buckets of its window (at most 13 and 61 per tool), so reading
-- the rate costs the same at 10 envelopes an hour and at 10,000. bucket is the bucket's start in epoch
-- seconds. Buckets older than two hours are deleted periodically (RateCounterPruner).
create table rate_counter (
    tenant_id    varchar(63)  not null,
    agent_id     varchar(36)  not null,
    span_seconds integer      not null,
    bucket       bigint       not null,
    tool_key     varchar(100) not null,
    envelopes    bigint       not null,
    primary key (agent_id, span_seconds, bucket, tool_key),
    constraint ck_rate_counter_span check (span_seconds in (5, 60))
);
create index ix_rate_counter_bucket on rate_counter (bucket);

-- The span that decided an envelope, as a W3C traceparent (null while tracing is off): its execution's
-- attempts continue that trace, and approvals and escalations decided later link to it.
alter table envelope add column trace_parent varchar(55);
alter table execution add column trace_parent varchar(55);

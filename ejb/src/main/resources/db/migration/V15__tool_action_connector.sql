-- A tool action may carry a connector: how Mandate carries the action out (an HTTP request template,
-- a credential by reference, result, timeout, retry, probe, wait, cache and price), as JSON text.
-- Portable SQL: runs on PostgreSQL (production, tests) and H2 2.x (quick start).
-- Bounded like argument_schema; NULL: Mandate decides on the action but does not carry it out.
alter table tool_action add column connector_json varchar(20000);

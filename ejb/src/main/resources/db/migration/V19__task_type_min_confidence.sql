-- A task type may ask agents for a confidence: an action reported below it (or without one) goes to the
-- escalation queue instead of proceeding.
alter table task_type add column min_confidence numeric(5, 4);

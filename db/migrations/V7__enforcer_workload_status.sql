-- The workloads an enforcer in node mode last reported: where it learns them, how many it
-- protects and what is wrong with their source. Null when it never reported any (host mode,
-- or enforcers older than node mode); the problems are a JSON list like every other list of
-- the schema.
alter table enforcers add column workload_source text;
alter table enforcers add column workload_count integer;
alter table enforcers add column workload_problems jsonb;

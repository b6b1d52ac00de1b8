-- Dynamic external networks (issue 18): an external network's entries may come from a
-- published feed. The source is part of the object (versioned, audited, exported); its
-- status changes at every fetch and is kept next to it without changing the version.
alter table external_networks
    add column source                    jsonb,
    add column source_last_attempt_time  timestamptz,
    add column source_last_success_time  timestamptz,
    add column source_entry_count        integer,
    add column source_error              text;

-- The fetcher's bookkeeping, never shown by the API: when the source is due (a claim
-- moves it ahead by a lease, so that one replica fetches it), how many fetches failed
-- in a row (backoff), and the validators of the last good fetch (conditional GET).
alter table external_networks
    add column source_next_attempt_time  timestamptz,
    add column source_failures           integer not null default 0,
    add column source_etag               text,
    add column source_last_modified      text;

create index external_networks_source_due on external_networks (source_next_attempt_time)
    where source is not null;

-- A fetched list held by the mass-removal guard (it would remove more than the allowed
-- share of the entries at once): shown in the status, applied when an admin accepts it or
-- when the same list (same digest) is fetched again an interval later. The list itself is
-- read only on acceptance.
alter table external_networks
    add column source_held_time           timestamptz,
    add column source_held_entry_count    integer,
    add column source_held_removed_count  integer,
    add column source_held_digest         text,
    add column source_held_entries        jsonb;

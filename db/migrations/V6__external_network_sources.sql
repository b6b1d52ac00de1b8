-- Dynamic external networks (issue 18): an external network's entries may come from a
-- published feed. The source is part of the object (versioned, audited, exported); its
-- status changes at every fetch and is kept next to it without changing the version.
alter table external_networks
    add column source                    jsonb,
    add column source_last_attempt_time  timestamptz,
    add column source_last_success_time  timestamptz,
    add column source_entry_count        integer,
    add column source_error              text;

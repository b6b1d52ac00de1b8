-- The DNS interception an enforcer last reported (issue 16): null when it never reported one
-- (enforcers older than domain-entry enforcement do not).
alter table enforcers add column dns_interception text;
alter table enforcers add column dns_learned_names integer;
alter table enforcers add column dns_learned_addresses integer;
alter table enforcers add column dns_error text;

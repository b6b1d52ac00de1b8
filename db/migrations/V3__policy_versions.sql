-- The monotonic policy version. Every transaction that changes namespaces, policies, external
-- networks or processing units takes the row lock to bump it, so versions commit in order and a
-- replica that has applied version V has seen every change up to V.
create table policy_state (
    id       integer primary key check (id = 1),
    version  bigint not null
);
insert into policy_state (id, version) values (1, 0);

-- What changed at each version: replicas re-read these objects from their tables.
create table policy_changes (
    version      bigint not null,
    kind         text not null,
    object_id    text not null,
    namespace    text not null,
    change_time  timestamptz not null,
    primary key (version, kind, object_id)
);

-- The last rendered policy each enforcer was told about, shared by all replicas: a content hash
-- and the policy version at which it last changed (the id of its last 'policy' event).
alter table enforcers add column policy_hash text;
alter table enforcers add column policy_version bigint;

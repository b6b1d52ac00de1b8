-- Namespaces form a tree of paths: '/', '/acme', '/acme/prod'. The path is the natural key that
-- every object refers to; it never changes (namespaces are not renamed).
create table namespaces (
    id              uuid primary key,
    name            text not null unique,
    parent          text references namespaces (name),
    description     text not null default '',
    annotations     jsonb not null default '{}',
    protected       boolean not null default false,
    import_label    text,
    create_time     timestamptz not null,
    update_time     timestamptz not null,
    version         bigint not null default 0
);
create index namespaces_parent on namespaces (parent);
create index namespaces_name_prefix on namespaces (name text_pattern_ops);

insert into namespaces (id, name, parent, description, create_time, update_time)
values ('00000000-0000-0000-0000-000000000000', '/', null, 'The root namespace', now(), now());

create table network_policies (
    id                   uuid primary key,
    namespace            text not null references namespaces (name),
    name                 text not null,
    description          text not null default '',
    action               text not null,
    apply_policy_mode    text not null,
    subject              jsonb not null,
    object               jsonb not null,
    ports                jsonb not null default '[]',
    logs_enabled         boolean not null default false,
    observation_enabled  boolean not null default false,
    propagate            boolean not null default false,
    fallback             boolean not null default false,
    disabled             boolean not null default false,
    protected            boolean not null default false,
    expiration_time      timestamptz,
    associated_tags      jsonb not null default '[]',
    annotations          jsonb not null default '{}',
    import_label         text,
    create_time          timestamptz not null,
    update_time          timestamptz not null,
    version              bigint not null default 0,
    unique (namespace, name)
);
create index network_policies_namespace_prefix on network_policies (namespace text_pattern_ops);

create table external_networks (
    id               uuid primary key,
    namespace        text not null references namespaces (name),
    name             text not null,
    description      text not null default '',
    entries          jsonb not null,
    service_ports    jsonb not null default '[]',
    propagate        boolean not null default false,
    protected        boolean not null default false,
    associated_tags  jsonb not null default '[]',
    annotations      jsonb not null default '{}',
    import_label     text,
    create_time      timestamptz not null,
    update_time      timestamptz not null,
    version          bigint not null default 0,
    unique (namespace, name)
);
create index external_networks_namespace_prefix on external_networks (namespace text_pattern_ops);

create table processing_units (
    id               uuid primary key,
    namespace        text not null references namespaces (name),
    name             text not null,
    description      text not null default '',
    type             text not null,
    enforcer_id      text,
    protected        boolean not null default false,
    associated_tags  jsonb not null default '[]',
    annotations      jsonb not null default '{}',
    import_label     text,
    create_time      timestamptz not null,
    update_time      timestamptz not null,
    version          bigint not null default 0,
    unique (namespace, name)
);
create index processing_units_namespace_prefix on processing_units (namespace text_pattern_ops);

-- One address belongs to at most one processing unit (DESIGN §3 point 4: an address that belongs
-- to a PU is that PU). Kept in its own table so that the database enforces it.
create table processing_unit_addresses (
    address             text primary key,
    processing_unit_id  uuid not null references processing_units (id) on delete cascade
);
create index processing_unit_addresses_pu on processing_unit_addresses (processing_unit_id);

-- Who changed what, when; never updated or deleted by the API.
create table audit_records (
    id           bigserial primary key,
    time         timestamptz not null,
    principal    text not null,
    namespace    text not null,
    operation    text not null,
    kind         text not null,
    object_id    text not null,
    object_name  text not null,
    before       jsonb,
    after        jsonb
);
create index audit_records_namespace_prefix on audit_records (namespace text_pattern_ops, id);

-- API tokens: opaque secrets, stored only as SHA-256 hashes, each bound to a namespace subtree and a role.
create table api_tokens (
    id               uuid primary key,
    name             text not null,
    namespace        text not null references namespaces (name) on delete cascade,
    role             text not null,
    secret_hash      text not null unique,
    expiration_time  timestamptz,
    revoked          boolean not null default false,
    created_by       text not null,
    create_time      timestamptz not null,
    update_time      timestamptz not null,
    version          bigint not null default 0
);
create index api_tokens_namespace_prefix on api_tokens (namespace text_pattern_ops);

-- Enrollment tokens: let new enforcers of a namespace obtain a client certificate, a limited number of times.
create table enrollment_tokens (
    id               uuid primary key,
    name             text not null,
    namespace        text not null references namespaces (name) on delete cascade,
    secret_hash      text not null unique,
    expiration_time  timestamptz not null,
    max_uses         integer not null,
    uses             integer not null default 0,
    tags             jsonb not null default '[]',
    revoked          boolean not null default false,
    created_by       text not null,
    create_time      timestamptz not null,
    update_time      timestamptz not null,
    version          bigint not null default 0
);
create index enrollment_tokens_namespace_prefix on enrollment_tokens (namespace text_pattern_ops);

-- Enforcers: registered agents, the tags their processing units get, and their certificate state.
create table enforcers (
    id                       uuid primary key,
    name                     text not null,
    namespace                text not null references namespaces (name) on delete cascade,
    enrollment_token_id      uuid,
    tags                     jsonb not null default '[]',
    certificate_serial       text not null,
    certificate_expiration   timestamptz not null,
    revoked                  boolean not null default false,
    revoke_time              timestamptz,
    enforcer_version         text,
    start_time               timestamptz,
    last_sync_time           timestamptz,
    last_contact_time        timestamptz,
    enforcement_status       text,
    create_time              timestamptz not null,
    update_time              timestamptz not null,
    version                  bigint not null default 0
);
create index enforcers_namespace_prefix on enforcers (namespace text_pattern_ops);

-- Facts about the installation itself, such as whether the bootstrap token was created.
create table console_settings (
    key    text primary key,
    value  text not null
);

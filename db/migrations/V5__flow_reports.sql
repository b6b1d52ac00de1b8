-- Flow reports (issue 17): what enforcers report of the connections their kernels decided.
--
-- Partitioned by day on the record's time: retention drops whole partitions (DETACH PARTITION
-- CONCURRENTLY, then DROP TABLE) instead of deleting rows, and a query over the last hour reads one
-- or two partitions. The console creates the partitions itself (io.mseg.console.flow.FlowPartitions):
-- every day of the retention window and two days ahead at start-up and every hour, and on demand for
-- a record whose day has none. There is no default partition on purpose: adding a partition next to
-- one scans it under lock, and DETACH ... CONCURRENTLY is refused while one exists.
--
-- IDs come from a sequence that steps by 2048 (more than the 2,000 records of the largest batch): a
-- batch takes one value and numbers its records from it, so a batch's IDs form one range that no
-- other batch shares (the live tail reads a batch back by that range).
create sequence flow_records_id_seq increment by 2048;

create table flow_records (
    id                   bigint not null default nextval('flow_records_id_seq'),
    time                 timestamptz not null,
    count                bigint not null,
    processing_unit_id   uuid not null,
    -- The processing unit's namespace when the record was stored: what tenant isolation filters on.
    namespace            text not null,
    enforcer_id          uuid not null,
    direction            text not null,
    protocol             text not null,
    -- Canonical text of the policy core's IpAddress (dotted decimal, RFC 5952), compared as text.
    source_address       text not null,
    destination_address  text not null,
    destination_port     integer,
    action               text not null,
    observed             boolean not null,
    reason               text not null,
    policy_id            uuid,
    external_network_id  uuid,
    domain               text
) partition by range (time);
alter sequence flow_records_id_seq owned by flow_records.id;

-- Newest first, whatever else is asked; the namespace subtree (= and LIKE 'prefix/%'); the
-- selective filters. Action, observed, port and external network filter the rows these find.
create index flow_records_time on flow_records (time, id);
create index flow_records_namespace on flow_records (namespace text_pattern_ops, time);
create index flow_records_unit on flow_records (processing_unit_id, time);
create index flow_records_policy on flow_records (policy_id, time) where policy_id is not null;
create index flow_records_source on flow_records (source_address, time);
create index flow_records_destination on flow_records (destination_address, time);
-- IDs grow with insertion: a block range index finds one (explain) or a batch (live tail) cheaply.
create index flow_records_id on flow_records using brin (id);

-- The batch IDs an enforcer's batches were stored under: a retried batch answers 409 instead of
-- being stored twice. Kept for the retention and a day more (a batch older than that is refused as
-- too old anyway).
create table flow_batches (
    enforcer_id    uuid not null,
    batch_id       uuid not null,
    received_time  timestamptz not null,
    primary key (enforcer_id, batch_id)
);
create index flow_batches_received on flow_batches (received_time);

-- Hits per policy and per namespace of the processing units that hit it, never cut by retention:
-- a caller sees the sum over the namespaces it may read (a policy propagated from an ancestor shows
-- only its own subtree's hits). Only policies that exist when a batch is stored and whose
-- namespace contains the unit's count; rows of deleted policies are removed by the retention job.
-- No foreign key: a policy deleted while a batch is stored must not fail the batch.
create table policy_hits (
    policy_id      uuid not null,
    namespace      text not null,
    hits           bigint not null,
    last_hit_time  timestamptz not null,
    primary key (policy_id, namespace)
);

-- What enforcers said they could not record (the dropped figures of their accepted batches).
alter table enforcers add column flow_records_dropped bigint not null default 0;
alter table enforcers add column flows_unrecorded bigint not null default 0;

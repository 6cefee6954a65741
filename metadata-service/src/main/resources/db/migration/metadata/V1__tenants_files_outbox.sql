-- Tenants registry: the id is the slug that appears in object keys (tenants/{id}/...).
create table tenants (
    id          text        primary key check (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    name        text        not null,
    status      text        not null default 'active' check (status in ('active', 'suspended')),
    settings    jsonb       not null default '{}'::jsonb,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);

-- API keys are stored only as the lowercase hex SHA-256 of the whole key; the key itself is shown once.
create table api_keys (
    id          text        primary key,
    tenant_id   text        not null references tenants (id),
    key_hash    char(64)    not null unique check (key_hash ~ '^[0-9a-f]{64}$'),
    key_prefix  text        not null,
    roles       text[]      not null default array['tenant'],
    status      text        not null default 'active' check (status in ('active', 'revoked')),
    created_at  timestamptz not null default now(),
    revoked_at  timestamptz
);
create index api_keys_tenant on api_keys (tenant_id, created_at);

create table files (
    id                uuid        primary key,
    tenant_id         text        not null references tenants (id),
    bucket            text        not null,
    object_key        text        not null,
    version_id        text,
    size              bigint      not null check (size >= 0),
    content_type      text,
    etag              text,
    checksum_sha256   text,
    original_filename text,
    user_metadata     jsonb       not null default '{}'::jsonb,
    status            text        not null default 'active' check (status in ('active', 'deleted')),
    upload_id         text,
    source            text        not null,
    source_event_id   text,
    -- S3 notification sequencer of the last applied storage event (hex, compared as fixed-width strings)
    sequencer         text,
    created_at        timestamptz not null,
    updated_at        timestamptz not null default now(),
    deleted_at        timestamptz,
    -- One row per object version; an unversioned bucket has exactly one version (null) per key.
    constraint files_object_version unique nulls not distinct (bucket, object_key, version_id)
);
-- Keyset pagination of a tenant's files in stable (created_at, id) order, and the admin view across tenants.
create index files_tenant_created on files (tenant_id, created_at, id);
create index files_created on files (created_at, id);
-- Key-prefix filter within a tenant (left-anchored LIKE).
create index files_tenant_key on files (tenant_id, object_key text_pattern_ops);

-- Transactional outbox, relayed to uplink.files.events by the Debezium embedded engine from the WAL.
-- payload is the complete FileEvent JSON; rows are deleted once Kafka has acknowledged them.
create table outbox (
    id              uuid        primary key,
    aggregate_type  text        not null,
    aggregate_id    text        not null,
    type            text        not null,
    tenant_id       text        not null,
    payload         jsonb       not null,
    created_at      timestamptz not null default now()
);
create index outbox_created on outbox (created_at);

-- Debezium source offsets (the WAL position relayed so far), one set per relay name.
create table relay_offsets (
    relay_name    text        not null,
    offset_key    bytea       not null,
    offset_value  bytea,
    updated_at    timestamptz not null default now(),
    primary key (relay_name, offset_key)
);

-- One row per issued upload credential. Multipart sessions live for days and the reconciler looks for pending
-- ones by age, so this is durable state (Postgres), not a cache.
create table upload_session (
    upload_id           uuid primary key,
    tenant_id           text        not null,
    bucket              text        not null,
    object_key          text        not null unique,
    method              text        not null,
    original_filename   text        not null,
    content_type        text        not null,
    declared_size       bigint      not null check (declared_size > 0),
    checksum_sha256     text,
    metadata            jsonb       not null default '{}'::jsonb,
    multipart_upload_id text,
    part_size           bigint,
    part_count          integer,
    status              text        not null check (status in ('pending', 'completed', 'rejected', 'aborted')),
    created_at          timestamptz not null,
    expires_at          timestamptz not null,
    completed_at        timestamptz,
    etag                text
);

create index upload_session_pending on upload_session (created_at) where status = 'pending';
create index upload_session_tenant on upload_session (tenant_id, created_at);

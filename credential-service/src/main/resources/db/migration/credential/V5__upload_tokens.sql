-- Upload tokens are verified by their signature alone; this table holds only what a signature cannot: revocation
-- and the totals used so far, which must hold across every credential-service instance.
create table upload_token (
    id              uuid        primary key,
    tenant_id       text        not null,
    subject         text        not null,
    max_files       integer,
    max_total_bytes bigint,
    files_used      integer     not null default 0,
    bytes_used      bigint      not null default 0,
    issued_at       timestamptz not null,
    expires_at      timestamptz not null,
    revoked_at      timestamptz
);
create index upload_token_revoked on upload_token (revoked_at) where revoked_at is not null;
create index upload_token_expires on upload_token (expires_at);

-- Copies of active files in a second store (tenant settings replicateTo): one row per file and store, pending until
-- the replication sweeper copied the object, retried with a backoff until it is done.
create table file_replicas (
    file_id        uuid        not null references files (id) on delete cascade,
    storage_target text        not null,
    status         text        not null default 'pending' check (status in ('pending', 'done')),
    bucket         text,
    attempts       integer     not null default 0,
    retry_at       timestamptz,
    last_error     text,
    created_at     timestamptz not null default now(),
    replicated_at  timestamptz,
    primary key (file_id, storage_target)
);
-- The sweeper's work list.
create index file_replicas_pending on file_replicas (created_at) where status = 'pending';

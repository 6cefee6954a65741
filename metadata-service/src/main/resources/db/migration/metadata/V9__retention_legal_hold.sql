-- A file under legal hold is kept whatever its tenant's retention says, and cannot be deleted through the API.
alter table files add column legal_hold boolean not null default false;
-- A retention delete that failed (store unreachable) waits before the next try, so that it never holds up the others.
alter table files add column retention_retry_at timestamptz;

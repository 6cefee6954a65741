-- Object versions that break their tenant's size or content-type limits are recorded as 'rejected' (announced as
-- file.rejected, never file.created) and moved out of the tenant's prefix by the quarantine sweeper.
alter table files drop constraint files_status_check;
alter table files add constraint files_status_check check (status in ('active', 'deleted', 'rejected'));
alter table files add column rejection_reason text;
-- Set by the sweeper once it is done with a rejected object: quarantine_key is where the object now is, null when
-- the object was already gone from its key.
alter table files add column quarantine_key text;
alter table files add column quarantined_at timestamptz;
-- Failed moves back off (quarantine_attempts) so that an object that cannot be moved never starves the others.
alter table files add column quarantine_attempts integer not null default 0;
alter table files add column quarantine_retry_at timestamptz;
-- The sweeper's work list: rejected rows whose object has not been moved yet (normally none).
create index files_awaiting_quarantine on files (created_at) where status = 'rejected' and quarantined_at is null;

-- Uploads of tenants with scanUploads wait as 'pending', announced to nobody, until the scanner answers: clean makes
-- them 'active' (file.created), infected 'rejected' (file.rejected, then quarantined).
alter table files drop constraint files_status_check;
alter table files add constraint files_status_check check (status in ('active', 'deleted', 'rejected', 'pending'));
-- 'clean', 'infected: <signature>' or 'not scanned: <why>'; null for files nobody scanned.
alter table files add column scan_result text;
alter table files add column scanned_at timestamptz;
-- Scans that got no verdict (scanner down) back off, like quarantine moves, so that one file never starves the others.
alter table files add column scan_attempts integer not null default 0;
alter table files add column scan_retry_at timestamptz;
-- The scan sweeper's work list.
create index files_awaiting_scan on files (created_at) where status = 'pending';

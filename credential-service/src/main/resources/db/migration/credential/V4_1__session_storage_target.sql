-- Each session remembers the store its credential was minted for: completion, part URLs, the reconciler and OSS
-- callbacks must talk to that store even if the tenant has moved to another target since.
-- (Version 4.1, not 4, so it cannot collide with a concurrently added V4.)
alter table upload_session add column storage_target text not null default 'default';

-- Uppy Companion's protocol never tells the size up front: such sessions record the tenant's limit as an upper
-- bound instead of an exact size.
alter table upload_session add column exact_size boolean not null default true;

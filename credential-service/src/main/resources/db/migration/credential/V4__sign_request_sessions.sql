-- Uppy 6's signRequest mode names an upload by the key the browser generated; the server-assigned key is where
-- the bytes go. Several sessions may share one client key (Uppy retries the creating call), so it is not unique.
alter table upload_session add column client_key text;
create index upload_session_client_key on upload_session (tenant_id, client_key) where client_key is not null;
-- Multipart upload ids are looked up per tenant for every Companion and signRequest call.
create index upload_session_multipart_id on upload_session (tenant_id, multipart_upload_id)
    where multipart_upload_id is not null;

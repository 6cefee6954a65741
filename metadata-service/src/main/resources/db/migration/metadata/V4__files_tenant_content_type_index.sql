-- Files API: a tenant's files of one content type, newest first (keyset on created_at, id), often with a size range.
-- With only files_tenant_created, Postgres walks the tenant's rows in the created range and drops those of other
-- types or sizes after fetching each from the heap: bench metadata-list on 1,000,000 files removed ~1,000 rows by
-- filter for a page of 100. Here the content type is part of the prefix and size is checked in the index, so only
-- rows of the page are fetched. size comes after id so that the (created_at, id) order is kept.
create index files_tenant_type_created on files (tenant_id, content_type, created_at, id, size);

-- Each endpoint's deliveries by status and then in due order: a claim takes an endpoint's due rows by seeking here,
-- however long its backlog is. It replaces (endpoint_id, status, created_at), whose last column no query ordered by;
-- a second index beside it would cost every insert and claim one more index entry.
drop index if exists deliveries_by_endpoint;
create index deliveries_by_endpoint on deliveries (endpoint_id, status, next_attempt_at);

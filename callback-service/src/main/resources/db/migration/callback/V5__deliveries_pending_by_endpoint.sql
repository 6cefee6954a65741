-- Each endpoint's pending deliveries in due order: a claim takes an endpoint's due rows by seeking here, and finds
-- the endpoints with pending rows one seek each, however long a backlog is; succeeded and failed rows have no entry.
create index deliveries_pending_by_endpoint on deliveries (endpoint_id, next_attempt_at) where status = 'pending';

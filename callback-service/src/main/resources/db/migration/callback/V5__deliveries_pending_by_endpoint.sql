-- Each endpoint's pending deliveries in due order: a claim takes an endpoint's due rows by seeking here, and finds
-- the endpoints with pending rows one seek each, however long a backlog is; succeeded and failed rows have no entry.
-- "endpoint_id is not null" (always true) keeps the planner from choosing this index for a claim of the earliest due
-- rows of all endpoints, which it would read whole and sort when its statistics were taken with few rows pending:
-- that claim has no condition on endpoint_id and so cannot prove the predicate; deliveries_due serves it.
create index deliveries_pending_by_endpoint on deliveries (endpoint_id, next_attempt_at)
    where status = 'pending' and endpoint_id is not null;

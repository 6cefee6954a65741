-- The unique (message_id, endpoint_id) index already serves every lookup by message_id (its leading column): this
-- one only cost an extra index entry on each delivery's insert and on each of its non-HOT updates (claim, record).
drop index if exists deliveries_by_message;

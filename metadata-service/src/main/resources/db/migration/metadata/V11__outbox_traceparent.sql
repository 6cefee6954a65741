-- The W3C trace context an event continues: the relay puts it in the record's traceparent header, so one upload's
-- trace runs from the request through the webhook. Null for rows written outside any trace.
alter table outbox add column traceparent text;

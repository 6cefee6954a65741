-- The W3C trace context a message continues (its consumer span): each delivery attempt is a child span of it and
-- sends its own context as the webhook's traceparent header. Null for messages stored outside any trace.
alter table messages add column traceparent text;

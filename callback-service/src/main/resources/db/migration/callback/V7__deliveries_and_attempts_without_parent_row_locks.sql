-- Two foreign keys that guarded nothing their writers do not, and cost every delivery two parent lookups, each
-- taking a row lock (SELECT … FOR KEY SHARE, a WAL record) on the parent: together about 15 % of Postgres's work
-- per delivery, measured on a fan-out and recording of 51,200 deliveries.
-- * deliveries → messages: a delivery is inserted by the statement that inserts its message (or in the same
--   transaction), and messages are deleted only by their tenant's erasure, which deletes the deliveries first.
-- * attempts → deliveries: an attempt is logged by the statement that moves its delivery on, and only when that
--   delivery is still there; deleting an endpoint deletes its deliveries (below) and its attempts.
-- The endpoint's foreign key stays: a fan-out can race the deletion of an endpoint it matched, and the key keeps a
-- delivery from outliving its endpoint (on delete cascade).
alter table deliveries drop constraint deliveries_message_id_fkey;
alter table attempts drop constraint attempts_delivery_id_fkey;

-- attempts (delivery_id, attempted_at) served that cascade and no query: the log is read by tenant, endpoint or
-- time (attempts_by_tenant, attempts_by_endpoint, attempts_retention), and every attempt paid an entry in it.
drop index attempts_by_delivery;

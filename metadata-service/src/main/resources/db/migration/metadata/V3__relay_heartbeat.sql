-- Written by the relay's Debezium heartbeat and captured with the outbox: the other services' schemas share this
-- database, and without a captured change now and then the replication slot would retain all of their WAL.
create table relay_heartbeat (
    relay_name  text        primary key,
    beat_at     timestamptz not null
);

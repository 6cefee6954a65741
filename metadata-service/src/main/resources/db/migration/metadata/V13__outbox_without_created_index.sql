-- Every event paid an entry in this index so that the relay's stale-row cleanup (once every five minutes) could find
-- rows older than an hour. The table holds only rows not yet relayed, or whose post-relay delete failed: the
-- cleanup scans it instead.
drop index if exists outbox_created;

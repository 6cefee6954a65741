-- The payload as its writer encoded it: nothing reads it inside Postgres, and the relay passes it on as text either
-- way, so parsing every event into jsonb on insert (and rendering it back for the relay) bought nothing.
alter table outbox alter column payload type text using payload::text;

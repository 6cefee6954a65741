-- Storage notifications carry an S3 sequencer per object key. `sequencer` (V1) is the sequencer of the event that
-- last set the status; `content_sequencer` that of the create whose attributes the row holds. Both are stored
-- zero-padded to 32 hex digits so that text order is numeric order. Applying an event only when its sequencer is
-- greater makes the final row independent of delivery order and duplicates.
alter table files add column content_sequencer text;

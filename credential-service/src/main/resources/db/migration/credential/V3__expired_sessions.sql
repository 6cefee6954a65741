-- The reconciler ends sessions whose credential ran out with nothing uploaded.
alter table upload_session drop constraint upload_session_status_check;
alter table upload_session add constraint upload_session_status_check
    check (status in ('pending', 'completed', 'rejected', 'aborted', 'expired'));

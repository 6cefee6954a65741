-- What each upload granted under a token counted against the token's totals, until the upload ends: a completed
-- upload gives back what it reserved beyond its stored size (an open-size upload reserves the per-file maximum), an
-- aborted or expired one gives back its file and all its bytes.
create table upload_token_reservation (
    upload_id uuid   primary key,
    token_id  uuid   not null references upload_token (id) on delete cascade,
    bytes     bigint not null
);
create index upload_token_reservation_token on upload_token_reservation (token_id);

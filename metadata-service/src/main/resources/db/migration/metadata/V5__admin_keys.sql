-- Admin API keys: the way in for operators without an external identity provider. Tenantless, role admin;
-- only the SHA-256 of a key is stored, as for tenant keys.
create table admin_keys (
    id          text        primary key,
    key_hash    char(64)    not null unique check (key_hash ~ '^[0-9a-f]{64}$'),
    key_prefix  text        not null,
    label       text        not null,
    status      text        not null default 'active' check (status in ('active', 'revoked')),
    created_at  timestamptz not null default now(),
    revoked_at  timestamptz
);

-- Tenants' webhook endpoints, the messages fanned out to them, one delivery per (message, endpoint) and every
-- attempt made for a delivery. Everything is keyed by tenant so the tables can be partitioned by tenant later.

create table endpoints (
    id                         uuid        primary key,
    tenant_id                  text        not null,
    url                        text        not null,
    description                text        not null default '',
    -- empty array: every event type
    event_types                text[]      not null default '{}',
    -- deliveries per second to this endpoint; null: only the global limits apply
    rate_limit_per_second      integer     check (rate_limit_per_second is null or rate_limit_per_second > 0),
    metadata                   jsonb       not null default '{}'::jsonb,
    enabled                    boolean     not null default true,
    disabled_reason            text,
    disabled_at                timestamptz,
    -- whsec_<base64>; the previous secret keeps signing beside the current one until it expires (rotation)
    secret                     text        not null,
    previous_secret            text,
    previous_secret_expires_at timestamptz,
    -- first failed attempt of an unbroken run of failures; cleared by a success (auto-disable after N days)
    failing_since              timestamptz,
    created_at                 timestamptz not null default now(),
    updated_at                 timestamptz not null default now(),
    check ((previous_secret is null) = (previous_secret_expires_at is null)),
    check (enabled or disabled_reason is not null)
);

create index endpoints_by_tenant on endpoints (tenant_id, created_at, id);

create table messages (
    id          uuid        primary key,
    -- the FileEvent's eventId: a repeated event is the same message (idempotent fan-out)
    event_id    uuid        not null unique,
    tenant_id   text        not null,
    event_type  text        not null,
    -- the webhook body exactly as it is signed and sent: {"type", "timestamp", "data"}
    payload     text        not null,
    occurred_at timestamptz not null,
    created_at  timestamptz not null default now()
);

create index messages_by_tenant on messages (tenant_id, created_at desc, id desc);

create table deliveries (
    id              uuid        primary key,
    message_id      uuid        not null references messages (id) on delete cascade,
    endpoint_id     uuid        not null references endpoints (id) on delete cascade,
    tenant_id       text        not null,
    status          text        not null default 'pending' check (status in ('pending', 'succeeded', 'failed')),
    attempt_count   integer     not null default 0,
    -- when a worker may claim it next; null once it is finished
    next_attempt_at timestamptz,
    -- a claimed delivery is invisible to other workers until this passes (crash => it is tried again)
    locked_until    timestamptz,
    last_attempt_at timestamptz,
    last_status_code integer,
    last_error      text,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    unique (message_id, endpoint_id),
    check ((status = 'pending') = (next_attempt_at is not null))
);

-- workers claim due work: pending, ordered by due time
create index deliveries_due on deliveries (next_attempt_at) where status = 'pending';
create index deliveries_by_endpoint on deliveries (endpoint_id, status, created_at);
create index deliveries_by_message on deliveries (message_id);

create table attempts (
    id               uuid        primary key,
    delivery_id      uuid        not null references deliveries (id) on delete cascade,
    message_id       uuid        not null,
    endpoint_id      uuid        not null,
    tenant_id        text        not null,
    attempt_number   integer     not null,
    outcome          text        not null check (outcome in ('succeeded', 'failed')),
    -- null when no response arrived (timeout, refused, reset, blocked address)
    status_code      integer,
    latency_ms       integer     not null,
    -- at most 4 KiB of the response body
    response_snippet text        check (octet_length(response_snippet) <= 4096),
    error            text,
    attempted_at     timestamptz not null default now()
);

create index attempts_by_delivery on attempts (delivery_id, attempted_at);
create index attempts_by_tenant on attempts (tenant_id, attempted_at desc, id desc);
create index attempts_by_endpoint on attempts (endpoint_id, attempted_at desc);
create index attempts_retention on attempts (attempted_at);

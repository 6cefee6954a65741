package io.uplink.metadata.erasure;

import io.uplink.contracts.EventJson;
import io.uplink.contracts.TenantEvent;
import io.uplink.metadata.outbox.ExportedEvent;
import io.uplink.metadata.outbox.OutboxRecordMapper;

import java.time.Instant;
import java.util.UUID;

/** {@code tenant.erased} on its way through the outbox to {@code uplink.tenants.events}, keyed by the tenant. */
record TenantErased(UUID eventId, String tenantId, Instant occurredAt) implements ExportedEvent {

    @Override
    public UUID id() {
        return eventId;
    }

    @Override
    public String aggregateType() {
        return OutboxRecordMapper.TENANT_AGGREGATE;
    }

    @Override
    public String aggregateId() {
        return tenantId;
    }

    @Override
    public String type() {
        return TenantEvent.TENANT_ERASED;
    }

    @Override
    public String payload() {
        return EventJson.writeString(new TenantEvent(eventId, type(), tenantId, occurredAt));
    }
}

package io.uplink.metadata.outbox;

import io.uplink.contracts.Topics;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * The outbox relay. Replicas that share {@code name} compete for one leader lock; slot and publication are created
 * on start when missing.
 *
 * @param name identifies the relay: its advisory lock, its stored offsets and the Debezium engine
 * @param slotName logical replication slot (pgoutput) the relay reads
 * @param publicationName publication over {@code metadata.outbox}
 * @param topic where the events go
 * @param electionInterval how often a standby tries to take the lead and the leader checks it still holds it
 * @param heartbeatInterval how often the leader writes a captured heartbeat row, so the slot's confirmed position
 *     advances (and the WAL of other schemas in the database is released) even when no files change
 * @param maxRetainedWal past this much WAL held back by the slot, the relay's health is OUT_OF_SERVICE: the relay
 *     is not keeping up (or not running), and Postgres keeps that WAL until it does (see docs/operations.md)
 * @param pollInterval Debezium's {@code poll.interval.ms}: how long its WAL reader sleeps when it finds nothing, and
 *     how long a batch that is not full waits for more. Both add to every event's latency on a quiet system (about
 *     one interval on average). It also sets what an idle relay leader costs: Debezium's change queue spins for
 *     nearly a millisecond at the end of every interval (it waits whole milliseconds only), so 10 ms costs about
 *     80 ms of CPU a second more than 50 ms (docs/facts-checked.md)
 */
@ConfigurationProperties("uplink.metadata.outbox.relay")
public record RelayProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("uplink-outbox") String name,
        @DefaultValue("uplink_metadata_outbox") String slotName,
        @DefaultValue("uplink_metadata_outbox") String publicationName,
        @DefaultValue(Topics.FILES_EVENTS) String topic,
        @DefaultValue("1s") Duration electionInterval,
        @DefaultValue("10s") Duration heartbeatInterval,
        @DefaultValue("4GB") DataSize maxRetainedWal,
        @DefaultValue("10ms") Duration pollInterval) {
}

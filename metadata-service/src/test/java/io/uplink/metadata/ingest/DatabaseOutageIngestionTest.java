package io.uplink.metadata.ingest;

import io.uplink.contracts.EventJson;
import io.uplink.contracts.Topics;
import io.uplink.contracts.UploadCompleted;
import io.uplink.contracts.UploadSource;
import io.uplink.metadata.MetadataServiceTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database that refuses writes (simulated by a trigger that fails every insert of this tenant's files with a
 * connection-failure SQLSTATE) must hold the record back, not skip or dead-letter it: the consumer group's offset
 * stays before the record until the database recovers, and then the record is stored.
 */
@MetadataServiceTest
class DatabaseOutageIngestionTest {

    @Autowired
    JdbcClient jdbc;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    private final String tenant = "outage-" + UUID.randomUUID().toString().substring(0, 8);
    private final String trigger = "fail_" + tenant.replace('-', '_');

    @AfterEach
    void recoverDatabase() {
        jdbc.sql("drop trigger if exists " + trigger + " on metadata.files").update();
        jdbc.sql("drop function if exists metadata." + trigger + "()").update();
    }

    @Test
    void holdsTheRecordBackWhileTheDatabaseFailsAndStoresItOnceItRecovers() throws Exception {
        jdbc.sql("insert into metadata.tenants (id, name) values (?, ?)").params(tenant, tenant).update();
        jdbc.sql("create function metadata." + trigger + "() returns trigger language plpgsql as $$ begin"
                + " if new.tenant_id = '" + tenant + "' then raise exception 'database unavailable'"
                + " using errcode = '08006'; end if; return new; end $$").update();
        jdbc.sql("create trigger " + trigger + " before insert on metadata.files for each row execute function metadata."
                + trigger + "()").update();

        UploadCompleted completed = new UploadCompleted(UUID.randomUUID(), tenant, "up-1", "uplink-uploads",
                "tenants/" + tenant + "/2026/11/25/up-1/held.txt", 12, "text/plain", "\"e\"", null, null, "held.txt",
                Map.of(), Instant.now().truncatedTo(ChronoUnit.MILLIS), UploadSource.CLIENT_COMPLETE);
        RecordMetadata sent;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new ByteArraySerializer())) {
            sent = producer.send(new ProducerRecord<>(Topics.UPLOADS_COMPLETED, completed.partitionKey(),
                    EventJson.write(completed))).get();
        }

        Thread.sleep(4000);
        assertThat(storedFiles()).isZero();
        assertThat(committedOffset(new TopicPartition(sent.topic(), sent.partition())))
                .as("the group's committed offset stays at or before the unsaved record")
                .isLessThanOrEqualTo(sent.offset());

        recoverDatabase();
        Instant deadline = Instant.now().plusSeconds(30);
        while (storedFiles() == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertThat(storedFiles()).isEqualTo(1);
    }

    private long storedFiles() {
        return jdbc.sql("select count(*) from metadata.files where tenant_id = ?").param(tenant)
                .query(Long.class).single();
    }

    private long committedOffset(TopicPartition partition) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets("metadata-service")
                    .partitionsToOffsetAndMetadata().get().get(partition);
            return committed == null ? 0 : committed.offset();
        }
    }
}

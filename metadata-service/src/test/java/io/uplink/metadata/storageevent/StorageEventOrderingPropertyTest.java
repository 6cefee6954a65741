package io.uplink.metadata.storageevent;

import io.uplink.servlet.trace.RecordTracing;
import io.uplink.metadata.file.FileRepository;
import io.uplink.metadata.file.HeldForScan;
import io.uplink.metadata.file.NewFileVersions;
import io.uplink.metadata.file.Replicas;
import io.uplink.metadata.file.SequencedVersions;
import io.uplink.metadata.limits.TenantLimits;
import io.uplink.metadata.outbox.Outbox;
import io.uplink.testsupport.PostgresEndpoint;
import io.uplink.testsupport.SharedInfrastructure;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * However storage notifications are duplicated and reordered, the files table ends up exactly as with the clean,
 * ordered stream (on the real database).
 */
class StorageEventOrderingPropertyTest {

    private static JdbcTemplate jdbc;
    private static StorageEventApplier applier;

    record Step(boolean create, long size, String contentType) {
    }

    @Property(tries = 40)
    void aDuplicatedReorderedStreamYieldsTheSameTableAsTheCleanStream(
            @ForAll("histories") List<List<Step>> histories, @ForAll long seed) {
        init();
        String clean = "prop-" + UUID.randomUUID().toString().substring(0, 8);
        String dirty = "prop-" + UUID.randomUUID().toString().substring(0, 8);
        List<StorageEvent> cleanStream = new ArrayList<>();
        List<StorageEvent> dirtyStream = new ArrayList<>();
        for (int k = 0; k < histories.size(); k++) {
            long sequencer = 0x17A4B2C3D4E5F600L;
            for (Step step : histories.get(k)) {
                sequencer += 1 + Math.floorMod(seed + sequencer, 7);
                String hex = Long.toHexString(sequencer);
                cleanStream.add(event(clean, k, step, hex, sequencer));
                dirtyStream.add(event(dirty, k, step, hex, sequencer));
            }
        }
        Random random = new Random(seed);
        List<StorageEvent> shuffled = new ArrayList<>(dirtyStream);
        for (StorageEvent event : dirtyStream) {
            for (int copies = random.nextInt(3); copies > 0; copies--) {
                shuffled.add(event);
            }
        }
        Collections.shuffle(shuffled, random);

        applyInBatches(clean, cleanStream, 1, random);
        applyInBatches(dirty, shuffled, 1 + random.nextInt(5), random);

        assertThat(table(dirty)).isEqualTo(table(clean));
    }

    @Provide
    Arbitrary<List<List<Step>>> histories() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.of(true, false), Arbitraries.longs().between(0, 10_000),
                Arbitraries.of("image/png", "application/pdf", "text/plain")).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(6).list().ofMinSize(1).ofMaxSize(3);
    }

    private static StorageEvent event(String tenant, int keyIndex, Step step, String sequencer, long time) {
        return new StorageEvent(step.create() ? StorageEvent.Kind.CREATED : StorageEvent.Kind.REMOVED,
                step.create() ? "ObjectCreated:Put" : "ObjectRemoved:Delete", "uplink-uploads",
                "tenants/" + tenant + "/k" + keyIndex + "/file.bin", null, step.create() ? step.size() : 0,
                step.create() ? "\"etag-" + step.size() + "\"" : null, step.create() ? step.contentType() : null,
                step.create() ? Map.of("size", String.valueOf(step.size())) : Map.of(),
                Sequencers.normalise(sequencer), Instant.ofEpochMilli(1_700_000_000_000L + (time & 0xFFFFFF) * 1000));
    }

    private static void applyInBatches(String tenant, List<StorageEvent> events, int batchSize, Random random) {
        jdbc.update("insert into metadata.tenants (id, name) values (?, ?)", tenant, tenant);
        for (int from = 0; from < events.size(); from += batchSize) {
            applier.apply(events.subList(from, Math.min(events.size(), from + batchSize)).stream()
                    .map(event -> new StorageEventApplier.TenantEvent(tenant, "default", event, null)).toList());
        }
    }

    private static List<Map<String, Object>> table(String tenant) {
        return jdbc.queryForList("select replace(object_key, ?, '') as object_key, version_id, size, content_type,"
                        + " etag, original_filename, user_metadata::text as user_metadata, status, sequencer,"
                        + " content_sequencer, created_at, deleted_at, source from metadata.files where tenant_id = ?"
                        + " order by object_key", tenant, tenant).stream()
                .sorted(Comparator.comparing(row -> (String) row.get("object_key")))
                .toList();
    }

    private static synchronized void init() {
        if (jdbc != null) {
            return;
        }
        PostgresEndpoint postgres = SharedInfrastructure.postgres();
        Flyway.configure().dataSource(postgres.jdbcUrl(), postgres.username(), postgres.password())
                .locations("classpath:db/migration/metadata").schemas("metadata").defaultSchema("metadata").load().migrate();
        DriverManagerDataSource dataSource =
                new DriverManagerDataSource(postgres.jdbcUrl(), postgres.username(), postgres.password());
        jdbc = new JdbcTemplate(dataSource);
        Outbox outbox = new Outbox(jdbc, RecordTracing.untraced());
        TenantLimits limits = new TenantLimits(JdbcClient.create(jdbc));
        HeldForScan noScanner = new HeldForScan();
        Replicas replicas = new Replicas(jdbc);
        NewFileVersions newVersions = new NewFileVersions(jdbc, outbox, limits, noScanner, replicas);
        applier = new StorageEventApplier(new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                new NewVersionBulkInsert(newVersions), new SequencedVersions(jdbc, newVersions,
                        new FileRepository(JdbcClient.create(jdbc), outbox), outbox, limits, noScanner, replicas),
                RecordTracing.untraced());
    }
}

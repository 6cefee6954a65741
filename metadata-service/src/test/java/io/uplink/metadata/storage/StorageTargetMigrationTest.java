package io.uplink.metadata.storage;

import io.uplink.testsupport.PostgresEndpoint;
import io.uplink.testsupport.SharedInfrastructure;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migration that gives every file its store, run on rows written before it (in a schema of their own on the
 * real Postgres): a file is in the store its tenant named, the default store when it named none.
 */
class StorageTargetMigrationTest {

    private final String schema = "migration_" + UUID.randomUUID().toString().substring(0, 8);
    private final PGSimpleDataSource dataSource = dataSource(SharedInfrastructure.postgres());
    private final JdbcClient jdbc = JdbcClient.create(dataSource);

    @Test
    void existingFilesAreInTheStoreTheirTenantNamed() {
        migrate("6");
        jdbc.sql("insert into " + schema + ".tenants (id, name, settings) values ('moved', 'm', '{\"storageTarget\":\"second\"}'),"
                + " ('stayed', 's', '{}'), ('named-default', 'd', '{\"storageTarget\":\"default\"}')").update();
        for (String tenant : new String[] {"moved", "stayed", "named-default"}) {
            jdbc.sql("insert into " + schema + ".files (id, tenant_id, bucket, object_key, size, source, created_at)"
                            + " values (?, ?, 'uplink-uploads', ?, 1, 'client-complete', now())")
                    .params(UUID.randomUUID(), tenant, "tenants/" + tenant + "/a.txt").update();
        }

        migrate(null);

        assertThat(targetOf("moved")).isEqualTo("second");
        assertThat(targetOf("stayed")).isEqualTo("default");
        assertThat(targetOf("named-default")).isEqualTo("default");
    }

    private void migrate(String target) {
        var flyway = Flyway.configure().dataSource(dataSource).schemas(schema).defaultSchema(schema)
                .locations("classpath:db/migration/metadata");
        if (target != null) {
            flyway.target(target);
        }
        flyway.load().migrate();
    }

    private String targetOf(String tenant) {
        return jdbc.sql("select storage_target from " + schema + ".files where tenant_id = ?").param(tenant)
                .query(String.class).single();
    }

    private static PGSimpleDataSource dataSource(PostgresEndpoint postgres) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(postgres.jdbcUrl());
        dataSource.setUser(postgres.username());
        dataSource.setPassword(postgres.password());
        return dataSource;
    }
}

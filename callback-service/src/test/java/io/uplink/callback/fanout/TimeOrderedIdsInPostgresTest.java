package io.uplink.callback.fanout;

import io.uplink.callback.CallbackServiceTest;
import io.uplink.service.ids.TimeOrderedIds;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The database's {@code uuid_v7()} (migration V3) makes the same kind of id as {@link TimeOrderedIds}. */
@CallbackServiceTest
class TimeOrderedIdsInPostgresTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void uuidV7InPostgresIsAVersion7IdOfTheCurrentMillisecondAndEachCallMakesAFreshOne() {
        long before = System.currentTimeMillis();
        List<UUID> ids = jdbc.sql("select uuid_v7() from generate_series(1, 1000)").query(UUID.class).list();
        long after = System.currentTimeMillis();

        assertThat(ids).doesNotHaveDuplicates().hasSize(1000);
        assertThat(ids).allSatisfy(id -> {
            assertThat(id.version()).isEqualTo(7);
            assertThat(id.variant()).isEqualTo(2);
            // same machine, same clock; a little slack for the clocks' granularity
            assertThat(TimeOrderedIds.epochMillisOf(id)).isBetween(before - 5, after + 5);
        });
    }

    @Test
    void idsMadeByTheDatabaseAndByTheServiceSortByTimeTogether() throws InterruptedException {
        UUID fromService = TimeOrderedIds.next();
        Thread.sleep(3);
        UUID fromDatabase = jdbc.sql("select uuid_v7()").query(UUID.class).single();
        Thread.sleep(3);
        UUID laterFromService = TimeOrderedIds.next();

        List<UUID> sortedByPostgres = jdbc.sql("select id from unnest(:ids) as t(id) order by id")
                .param("ids", new UUID[]{laterFromService, fromDatabase, fromService}).query(UUID.class).list();

        assertThat(sortedByPostgres).containsExactly(fromService, fromDatabase, laterFromService);
    }
}

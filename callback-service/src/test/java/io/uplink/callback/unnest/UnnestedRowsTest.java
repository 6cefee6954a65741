package io.uplink.callback.unnest;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class UnnestedRowsTest {

    private record Row(UUID id, String name, Integer count, Double delay, Instant at) {
    }

    @Test
    void everyArrayIsCastToItsColumnsTypeInTheOrderDeclared() {
        UnnestedRows<Row> rows = UnnestedRows.<Row>columns()
                .uuid("ids", Row::id)
                .text("names", Row::name)
                .int4("counts", Row::count)
                .float8("delays", Row::delay)
                .timestamptz("ats", Row::at)
                .build();

        assertThat(rows.rows()).isEqualTo("(select unnest(cast(:ids as uuid[])), unnest(cast(:names as text[])), "
                + "unnest(cast(:counts as int4[])), unnest(cast(:delays as float8[])), "
                + "unnest(cast(:ats as timestamptz[])))");
    }
}

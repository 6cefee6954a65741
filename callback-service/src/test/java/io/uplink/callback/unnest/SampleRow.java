package io.uplink.callback.unnest;

import java.time.Instant;
import java.util.UUID;

/** A row of every column type {@link UnnestedRows} binds, declared once for the tests of this package. */
record SampleRow(UUID id, String name, Integer count, Double delay, Instant at) {

    static final UnnestedRows<SampleRow> COLUMNS = UnnestedRows.<SampleRow>columns()
            .uuid("ids", SampleRow::id)
            .text("names", SampleRow::name)
            .int4("counts", SampleRow::count)
            .float8("delays", SampleRow::delay)
            .timestamptz("ats", SampleRow::at)
            .build();
}

package io.uplink.callback.unnest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UnnestedRowsTest {

    @Test
    void everyArrayIsCastToItsColumnsTypeInTheOrderDeclared() {
        assertThat(SampleRow.COLUMNS.rows()).isEqualTo("(select unnest(cast(:ids as uuid[])), unnest(cast(:names as text[])), "
                + "unnest(cast(:counts as int4[])), unnest(cast(:delays as float8[])), "
                + "unnest(cast(:ats as timestamptz[])))");
    }
}

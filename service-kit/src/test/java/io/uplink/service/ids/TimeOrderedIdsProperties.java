package io.uplink.service.ids;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TimeOrderedIdsProperties {

    private static final long YEAR_10000 = 253_402_300_800_000L;

    @Property
    void everyIdIsAVersion7RfcVariantIdThatTellsItsMillisecond(@ForAll @LongRange(min = 0, max = YEAR_10000) long millis,
                                                               @ForAll long randomHigh, @ForAll long randomLow) {
        UUID id = TimeOrderedIds.at(millis, randomHigh, randomLow);

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(TimeOrderedIds.epochMillisOf(id)).isEqualTo(millis);
        assertThat(UUID.fromString(id.toString())).isEqualTo(id);
    }

    @Property
    void anIdOfALaterMillisecondSortsAfterInJavaAndInPostgresByteOrder(
            @ForAll @LongRange(min = 0, max = YEAR_10000) long earlier, @ForAll @LongRange(min = 1, max = 1_000_000) long later,
            @ForAll long randomA, @ForAll long randomB, @ForAll long randomC, @ForAll long randomD) {
        UUID first = TimeOrderedIds.at(earlier, randomA, randomB);
        UUID second = TimeOrderedIds.at(earlier + later, randomC, randomD);

        assertThat(first).isLessThan(second);
        // Postgres orders uuids by their 16 bytes, unsigned
        assertThat(Arrays.compareUnsigned(bytes(first), bytes(second))).isNegative();
    }

    @Property(tries = 200)
    void idsMadeNowAreDistinctAndCarryTheClock() {
        long before = System.currentTimeMillis();
        UUID a = TimeOrderedIds.next();
        UUID b = TimeOrderedIds.next();
        long after = System.currentTimeMillis();

        assertThat(a).isNotEqualTo(b);
        assertThat(TimeOrderedIds.epochMillisOf(a)).isBetween(before, after);
    }

    private static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }
}

package io.uplink.service.ids;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids for rows written at volume (callback-service's messages, deliveries and attempts; metadata-service's files and
 * events): UUID version 7 (RFC 9562), the Unix time in milliseconds in the first 48 bits, then 74 random bits. New
 * rows' keys then land at the right-hand end of their B-tree indexes instead of on a random page of each: once the
 * tables outgrow Postgres's buffer cache, callback-service's fan-out statement took ~9 ms per 150 events with random
 * ids against ~6 ms with these (400,000 rows, 128 MB of shared buffers). The ids are no secrets (every API is
 * tenant-scoped and authenticated), so a fast, non-secure random source is enough; they tell when their row was
 * made, as Svix's message ids do. callback-service's database makes the same kind of id with {@code uuid_v7()}.
 */
public final class TimeOrderedIds {

    private TimeOrderedIds() {
    }

    public static UUID next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return at(System.currentTimeMillis(), random.nextLong(), random.nextLong());
    }

    /** The version-7 id of this millisecond with these random bits (only 12 of the first, 62 of the second are used). */
    static UUID at(long epochMillis, long randomHigh, long randomLow) {
        long mostSignificant = (epochMillis << 16) | 0x7000L | (randomHigh & 0x0FFFL);
        long leastSignificant = (randomLow & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(mostSignificant, leastSignificant);
    }

    /** The millisecond a version-7 id was made in. */
    public static long epochMillisOf(UUID id) {
        return id.getMostSignificantBits() >>> 16;
    }
}

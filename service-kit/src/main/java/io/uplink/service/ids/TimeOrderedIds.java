package io.uplink.service.ids;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids for rows written at volume: UUID version 7 (RFC 9562), the Unix time in milliseconds in the first 48 bits,
 * then 74 random bits. New rows' keys land at the right-hand end of their B-tree indexes instead of on a random page
 * of each, which matters once a table's indexes outgrow Postgres's buffer cache. The ids are no secrets (every API is
 * tenant-scoped and authenticated), so a fast, non-secure random source is enough; an id tells when its row was
 * made, as Svix's message ids do.
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

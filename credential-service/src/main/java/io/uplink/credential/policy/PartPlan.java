package io.uplink.credential.policy;

/**
 * Part sizing for multipart uploads: S3 parts are 5 MiB to 5 GiB (the last part may be smaller) and at most
 * 10,000 per upload. Small uploads use {@link #PREFERRED_PART_SIZE}; large ones grow the part so the count fits.
 */
public record PartPlan(long partSize, int partCount) {

    public static final long MIB = 1024L * 1024;
    public static final long MIN_PART_SIZE = 5 * MIB;
    public static final long MAX_PART_SIZE = 5 * 1024 * MIB;
    public static final long PREFERRED_PART_SIZE = 8 * MIB;
    public static final int MAX_PARTS = 10_000;
    public static final long MAX_OBJECT_SIZE = MAX_PART_SIZE * MAX_PARTS;

    public static PartPlan forSize(long size) {
        if (size < 1 || size > MAX_OBJECT_SIZE) {
            throw new IllegalArgumentException("size out of range for multipart: " + size);
        }
        long needed = ceilDiv(size, MAX_PARTS);
        long partSize = Math.max(PREFERRED_PART_SIZE, ceilDiv(needed, MIB) * MIB);
        partSize = Math.min(partSize, MAX_PART_SIZE);
        return new PartPlan(partSize, (int) ceilDiv(size, partSize));
    }

    /** Expected size of one part: every part is full except possibly the last. */
    public long sizeOfPart(int partNumber, long totalSize) {
        if (partNumber < partCount) {
            return partSize;
        }
        return totalSize - partSize * (partCount - 1L);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}

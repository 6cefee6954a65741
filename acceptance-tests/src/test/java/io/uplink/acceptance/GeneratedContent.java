package io.uplink.acceptance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * File content computed from its position (a SplitMix64 stream per seed), so a large file can be sent, re-sent from
 * any offset and checked without ever being held in memory.
 */
final class GeneratedContent {

    private final long seed;
    private final long size;

    GeneratedContent(long seed, long size) {
        this.seed = seed;
        this.size = size;
    }

    long size() {
        return size;
    }

    /** The bytes {@code [offset, offset + length)}, generated as they are read. */
    InputStream slice(long offset, long length) {
        if (offset < 0 || length < 0 || offset + length > size) {
            throw new IllegalArgumentException("slice [" + offset + ", " + (offset + length) + ") outside " + size + " bytes");
        }
        return new InputStream() {
            private long position = offset;
            private final long end = offset + length;

            @Override
            public int read() {
                return position < end ? byteAt(position++) & 0xFF : -1;
            }

            @Override
            public int read(byte[] buffer, int from, int count) {
                if (position >= end) {
                    return -1;
                }
                int n = (int) Math.min(count, end - position);
                for (int i = 0; i < n; i++) {
                    buffer[from + i] = byteAt(position++);
                }
                return n;
            }
        };
    }

    byte[] sha256() {
        try (InputStream all = slice(0, size)) {
            return digest(all);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] digest(InputStream in) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) > 0; ) {
            sha256.update(buffer, 0, n);
        }
        return sha256.digest();
    }

    private byte byteAt(long position) {
        long word = mix(seed + (position >>> 3) * 0x9E3779B97F4A7C15L);
        return (byte) (word >>> ((position & 7) * 8));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

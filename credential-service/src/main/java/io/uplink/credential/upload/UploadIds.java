package io.uplink.credential.upload;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Random (version 4) upload ids without {@link UUID#randomUUID()}'s single shared {@code SecureRandom}: on JDK 17
 * its NativePRNG takes one global lock per call, which the minting benchmark showed as the top contended frame at
 * 64 concurrent requests. One DRBG per thread (seeded once from the OS) keeps ids unguessable without that lock;
 * a per-thread {@code new SecureRandom()} would not help, as every NativePRNG instance shares the same static state.
 */
final class UploadIds {

    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(UploadIds::drbg);

    private UploadIds() {
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK's DRBG is always present", e);
        }
    }

    static UUID next() {
        byte[] bytes = new byte[16];
        RANDOM.get().nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
        long most = 0;
        long least = 0;
        for (int i = 0; i < 8; i++) {
            most = (most << 8) | (bytes[i] & 0xff);
            least = (least << 8) | (bytes[i + 8] & 0xff);
        }
        return new UUID(most, least);
    }
}

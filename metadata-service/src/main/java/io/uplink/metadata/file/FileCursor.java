package io.uplink.metadata.file;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Position after the last file of a page, in the stable (created_at desc, id desc) order. It carries no tenant:
 * the tenant scope always comes from the caller's identity, so a cursor cannot widen what a caller sees.
 */
public record FileCursor(Instant createdAt, UUID id) {

    public String encode() {
        String raw = createdAt.getEpochSecond() + "." + createdAt.getNano() + "." + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when the cursor was not produced by {@link #encode()} */
    public static FileCursor decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = raw.split("\\.", 3);
            if (parts.length != 3) {
                throw new IllegalArgumentException("malformed cursor");
            }
            Instant createdAt = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            return new FileCursor(createdAt, UUID.fromString(parts[2]));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed cursor", e);
        }
    }
}

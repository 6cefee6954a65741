package io.uplink.localstack.provision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The local stack's first admin key: made at the first start, kept in {@code .uplink-data/admin-key} (owner-only)
 * and handed to metadata-service as {@code UPLINK_FIRST_ADMIN_KEY}, so every later start prints the same key.
 */
public final class FirstAdminKeyStore {

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final String environment;

    public FirstAdminKeyStore(Path dataDirectory, String environment) {
        this.file = dataDirectory.resolve("admin-key");
        this.environment = environment;
    }

    public String loadOrCreate() {
        try {
            if (Files.isRegularFile(file)) {
                String saved = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (saved.matches("upk_" + environment + "_[0-9A-Za-z]{32}")) {
                    return saved;
                }
            }
            String key = newKey();
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temporary, key + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // a file system without POSIX permissions keeps its defaults
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the admin key in " + file, e);
        }
    }

    private String newKey() {
        StringBuilder key = new StringBuilder("upk_").append(environment).append('_');
        for (int i = 0; i < 32; i++) {
            key.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
        }
        return key.toString();
    }
}

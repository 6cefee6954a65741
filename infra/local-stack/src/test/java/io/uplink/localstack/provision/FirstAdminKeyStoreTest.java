package io.uplink.localstack.provision;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class FirstAdminKeyStoreTest {

    @TempDir
    Path data;

    @Test
    void makesAKeyOnceKeepsItOwnerOnlyAndGivesTheSameKeyOnEveryLaterStart() throws Exception {
        String first = new FirstAdminKeyStore(data, "local").loadOrCreate();

        assertThat(first).matches("upk_local_[0-9A-Za-z]{32}");
        assertThat(new FirstAdminKeyStore(data, "local").loadOrCreate()).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("admin-key"))))
                .isEqualTo("rw-------");
    }

    @Test
    void replacesAFileThatHoldsNoKeyOfThisEnvironment() throws Exception {
        Files.writeString(data.resolve("admin-key"), "garbage\n");

        assertThat(new FirstAdminKeyStore(data, "local").loadOrCreate()).matches("upk_local_[0-9A-Za-z]{32}");
    }
}

package io.uplink.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RepositoryRootTest {

    @TempDir
    Path directory;

    @Test
    void findsTheCheckoutFromAnyDirectoryInsideIt() throws IOException {
        Files.writeString(directory.resolve("pom.xml"), "<project/>");
        Files.createDirectories(directory.resolve("infra/local-stack"));
        Files.writeString(directory.resolve("infra/local-stack/pom.xml"), "<project/>");
        Path nested = Files.createDirectories(directory.resolve("gateway-service/src/main"));

        assertThat(RepositoryRoot.locate(nested)).isEqualTo(directory.toAbsolutePath().normalize());
        assertThat(RepositoryRoot.locate(directory)).isEqualTo(directory.toAbsolutePath().normalize());
    }

    @Test
    void explainsWhatItLookedForWhenOutsideACheckout() {
        assertThatThrownBy(() -> RepositoryRoot.locate(directory))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no Uplink checkout found")
                .hasMessageContaining("--repo=");
    }

    @Test
    void testsRunInsideTheRealCheckout() {
        assertThat(RepositoryRoot.locate(Path.of("")).resolve("docker-compose.yml")).isRegularFile();
    }
}

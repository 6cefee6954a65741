package io.uplink.localstack.launch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceJarsTest {

    @TempDir
    Path repository;

    @Test
    void findsTheExecJarOfTheBuiltVersionInTheModulesTargetDirectory() throws IOException {
        Path jar = Files.createDirectories(repository.resolve("gateway-service/target"))
                .resolve("gateway-service-1.2.3-exec.jar");
        Files.writeString(jar, "jar");

        assertThat(new ServiceJars(repository, "1.2.3").locate("gateway-service")).isEqualTo(jar);
    }

    @Test
    void aMissingJarTellsWhichFileAndHowToBuildIt() throws IOException {
        Files.createDirectories(repository.resolve("metadata-service/target"));
        Files.writeString(repository.resolve("metadata-service/target/metadata-service-1.2.3.jar"), "plain jar, not exec");

        assertThatThrownBy(() -> new ServiceJars(repository, "1.2.3").locate("metadata-service"))
                .isInstanceOf(ServiceJars.MissingServiceJarException.class)
                .hasMessageContaining("metadata-service is not built")
                .hasMessageContaining(Path.of("metadata-service/target/metadata-service-1.2.3-exec.jar").toString())
                .hasMessageContaining("./mvnw -B -q -DskipTests package")
                .hasMessageContaining("./uplink-local");
    }

    @Test
    void aJarOfAnotherVersionDoesNotCount() throws IOException {
        Files.createDirectories(repository.resolve("callback-service/target"));
        Files.writeString(repository.resolve("callback-service/target/callback-service-0.0.9-exec.jar"), "old");

        assertThatThrownBy(() -> new ServiceJars(repository, "1.2.3").locate("callback-service"))
                .isInstanceOf(ServiceJars.MissingServiceJarException.class);
    }

    @Test
    void theBuiltVersionComesFromTheLocalStacksOwnBuild() throws IOException {
        Path jar = Files.createDirectories(repository.resolve("credential-service/target"))
                .resolve("credential-service-0.1.0-SNAPSHOT-exec.jar");
        Files.writeString(jar, "jar");

        assertThat(ServiceJars.forBuiltVersion(repository).locate("credential-service")).isEqualTo(jar);
    }
}

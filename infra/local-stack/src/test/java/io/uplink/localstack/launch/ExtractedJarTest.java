package io.uplink.localstack.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractedJarTest {

    @TempDir
    Path directory;

    @Test
    void theFirstInstanceOfAModuleRecordsTheArchiveAndTheOthersStartWithout() {
        ExtractedJar jar = extractedIn(directory);

        ExtractedJar.Launch first = jar.launch("credential-1");
        ExtractedJar.Launch second = jar.launch("credential-2");

        assertThat(first.records()).isTrue();
        assertThat(first.arguments()).contains("-XX:ArchiveClassesAtExit=" + directory.resolve("credential-1.jsa.recording"));
        assertThat(second.records()).isFalse();
        assertThat(second.arguments()).noneMatch(argument -> argument.contains("Archive"));
        assertThat(second.arguments()).endsWith("-jar", directory.resolve("service.jar").toString());
    }

    @Test
    void aCleanExitPublishesTheRecordingAndEveryLaterStartMapsIt() throws IOException {
        ExtractedJar jar = extractedIn(directory);
        jar.launch("metadata");
        Files.write(directory.resolve("metadata.jsa.recording"), new byte[] {1, 2, 3});

        jar.exited("metadata", true);

        assertThat(directory.resolve("classes.jsa")).exists();
        assertThat(directory.resolve("metadata.jsa.recording")).doesNotExist();
        for (String instance : List.of("metadata", "metadata-2")) {
            ExtractedJar.Launch launch = jar.launch(instance);
            assertThat(launch.records()).isFalse();
            assertThat(launch.arguments()).contains("-XX:SharedArchiveFile=" + directory.resolve("classes.jsa"));
        }
    }

    @Test
    void aKilledRecorderPublishesNothingAndTheNextInstanceToStartRecords() throws IOException {
        ExtractedJar jar = extractedIn(directory);
        jar.launch("metadata");
        jar.launch("metadata-2");
        Files.write(directory.resolve("metadata.jsa.recording"), new byte[] {1, 2, 3}); // cut short by SIGKILL

        jar.exited("metadata", false);
        jar.exited("metadata-2", true); // was not recording: publishes nothing

        assertThat(directory.resolve("classes.jsa")).doesNotExist();
        assertThat(directory.resolve("metadata.jsa.recording")).doesNotExist();
        assertThat(jar.launch("metadata-2").records()).isTrue();
    }

    @Test
    void withoutClassDataSharingTheExecJarStartsAsBuiltAndRecordsNothing() {
        Path execJar = directory.resolve("service-exec.jar");
        ExtractedJar jar = ExtractedJar.asBuilt(execJar);

        ExtractedJar.Launch launch = jar.launch("gateway");
        jar.exited("gateway", true);

        assertThat(launch.arguments()).containsExactly("-jar", execJar.toString());
        assertThat(launch.records()).isFalse();
        assertThat(directory).isEmptyDirectory();
    }

    @Test
    void aRealJvmWritesTheArchiveOnExitAndTheNextStartMapsIt() throws Exception {
        ExtractedJar jar = extractedIn(directory);

        assertThat(run(jar.launch("console"))).isZero();
        jar.exited("console", true);

        assertThat(directory.resolve("classes.jsa")).isNotEmptyFile();
        ExtractedJar.Launch mapping = jar.launch("console");
        List<String> strict = new ArrayList<>(mapping.arguments());
        strict.add(0, "-Xshare:on"); // fails to start unless the archive maps
        assertThat(run(new ExtractedJar.Launch(strict, false))).isZero();
    }

    private static ExtractedJar extractedIn(Path directory) {
        return new ExtractedJar(directory.resolve("service.jar"), directory);
    }

    /** The JVM with a launch's options, running {@code -version} instead of the jar. */
    private static int run(ExtractedJar.Launch launch) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ServiceProcess.java().toString());
        command.addAll(launch.arguments().subList(0, launch.arguments().indexOf("-jar")));
        command.add("-version");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }
}

package io.uplink.acceptance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Runs one of the project's own scripts to its end. Its input is closed and its output is copied line by line to
 * this test's output: Surefire talks to its forked JVM over that JVM's standard streams, and a child that inherited
 * them (npm, apt-get) corrupted the channel.
 */
final class Processes {

    private Processes() {
    }

    static int run(Path directory, String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectInput(ProcessBuilder.Redirect.PIPE).redirectErrorStream(true).start();
            process.getOutputStream().close();
            try (BufferedReader output = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                output.lines().forEach(line -> System.out.println(command[0].replaceAll(".*/", "") + " | " + line));
            }
            return process.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

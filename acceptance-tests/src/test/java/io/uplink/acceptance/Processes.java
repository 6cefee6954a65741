package io.uplink.acceptance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Runs one of the project's own scripts to its end, its output on this test's. */
final class Processes {

    private Processes() {
    }

    static int run(Path directory, String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).inheritIO().start();
            return process.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

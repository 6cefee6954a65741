package io.uplink.localstack;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the Uplink checkout from wherever the local stack (or a test) runs: the nearest ancestor that holds the
 * root pom next to {@code infra/local-stack}. Service jars and their configuration are located relative to it.
 */
public final class RepositoryRoot {

    private RepositoryRoot() {
    }

    public static Path locate(Path start) {
        Path candidate = start.toAbsolutePath().normalize();
        while (candidate != null) {
            if (isRoot(candidate)) {
                return candidate;
            }
            candidate = candidate.getParent();
        }
        throw new IllegalStateException("no Uplink checkout found at or above " + start.toAbsolutePath()
                + " (looked for pom.xml beside infra/local-stack/pom.xml); run from inside the repository or pass --repo=<dir>");
    }

    static boolean isRoot(Path directory) {
        return Files.isRegularFile(directory.resolve("pom.xml"))
                && Files.isRegularFile(directory.resolve("infra/local-stack/pom.xml"));
    }
}

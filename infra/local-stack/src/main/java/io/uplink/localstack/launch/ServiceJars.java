package io.uplink.localstack.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Where the services' executable jars are: {@code <service>/target/<service>-<version>-exec.jar} in the checkout. */
public final class ServiceJars {

    public static final String BUILD_COMMAND = "./mvnw -B -q -DskipTests package";

    private final Path repository;
    private final String version;

    public ServiceJars(Path repository, String version) {
        this.repository = repository;
        this.version = version;
    }

    /** The jars of the version this local stack was built with. */
    public static ServiceJars forBuiltVersion(Path repository) {
        Properties properties = new Properties();
        try (InputStream in = ServiceJars.class.getResourceAsStream("/local-stack.properties")) {
            if (in == null) {
                throw new IllegalStateException("local-stack.properties missing from the classpath");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ServiceJars(repository, properties.getProperty("uplink.version"));
    }

    public Path locate(String service) {
        Path jar = repository.resolve(service).resolve("target").resolve(service + "-" + version + "-exec.jar");
        if (!Files.isRegularFile(jar)) {
            throw new MissingServiceJarException(service, repository.relativize(jar));
        }
        return jar;
    }

    /** A service has not been built (or not at this version). */
    public static final class MissingServiceJarException extends RuntimeException {

        private final Path jar;

        MissingServiceJarException(String service, Path jar) {
            super(service + " is not built: " + jar + " does not exist. Build first with `" + BUILD_COMMAND
                    + "` in the repository root (or start with ./uplink-local, which builds when needed).");
            this.jar = jar;
        }

        public Path jar() {
            return jar;
        }
    }
}

package io.uplink.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;

/**
 * The {@code application.yml} of the jar an application class comes from. A benchmark JVM holds several services'
 * jars, each with an {@code application.yml} at its root, and {@code classpath:application.yml} is whichever comes
 * first: a service started in-process must be pointed at its own ({@code --spring.config.location=…}), or it runs
 * with another service's settings (schema, Flyway locations, ports).
 */
public final class OwnApplicationYaml {

    private OwnApplicationYaml() {
    }

    /** {@code --spring.config.location=<the yml inside the jar holding this class>}. */
    public static String configLocationArgument(Class<?> application) {
        String jar = application.getProtectionDomain().getCodeSource().getLocation().toString();
        try {
            for (URL candidate : Collections.list(application.getClassLoader().getResources("application.yml"))) {
                if (candidate.toString().startsWith(jar) || candidate.toString().contains(jarName(jar))) {
                    return "--spring.config.location=" + candidate;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no application.yml beside " + application.getName() + " in " + jar);
    }

    private static String jarName(String location) {
        String trimmed = location.replaceAll("!?/+$", "");
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }
}

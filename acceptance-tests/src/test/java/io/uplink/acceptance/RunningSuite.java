package io.uplink.acceptance;

import io.uplink.localstack.LocalStack;
import io.uplink.localstack.launch.FreePortArguments;
import io.uplink.localstack.launch.LaunchOptions;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The whole suite, started once per test JVM exactly as {@code ./uplink-local} starts it — embedded Postgres, Kafka,
 * S3Proxy and Redis, the four services as processes from their exec jars (two credential-service instances), the
 * demo tenant and its verifying webhook receiver — on free ports and a fresh data directory. With the system property
 * {@code uplink.acceptance.scaled-out=true} (the reliability profile) it runs scaled out: {@link #SCALED_OUT} instances
 * of each service, sharing the embedded infrastructure. The gateway also trusts a test {@link IdentityProvider},
 * through which platform admins sign in, and every service exports its spans to an {@link OtlpCollector}; only the
 * traces a test starts sampled are sampled.
 */
final class RunningSuite {

    static final String SCALED_OUT_PROPERTY = "uplink.acceptance.scaled-out";
    /**
     * Two instances of every service: enough to show work spread and hand-overs, few enough that twelve JVMs do not
     * share the CI machine's two cores (three partitions per topic: two consumer threads per instance).
     */
    static final FreePortArguments.Instances SCALED_OUT = new FreePortArguments.Instances(2, 2, 2, 2);

    /** Tenants whose label starts so get storage notifications in this suite (see the arguments below). */
    static final String BROWSER_TENANTS = "browser-";

    private static LocalStack stack;
    private static IdentityProvider identityProvider;
    private static OtlpCollector collector;
    private static Path dataDirectory;
    private static Duration startup;

    private RunningSuite() {
    }

    static synchronized LocalStack get() {
        if (stack == null) {
            stack = start();
        }
        return stack;
    }

    /**
     * Services first, then infrastructure; the identity provider last. Idempotent. The database and the objects (a
     * run stores well over 64 MiB) are removed; the service logs stay for a post-mortem.
     */
    static synchronized void stopIfStarted() {
        if (stack != null) {
            stack.stop();
            for (String bulky : List.of("postgres", "s3")) {
                deleteRecursively(dataDirectory.resolve(bulky));
            }
        }
        if (identityProvider != null) {
            identityProvider.close();
        }
        if (collector != null) {
            collector.close();
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("acceptance | could not remove " + directory + ": " + e.getMessage());
        }
    }

    /** The identity provider whose tokens the gateway accepts (platform admins sign in with it). */
    static synchronized IdentityProvider identityProvider() {
        get();
        return identityProvider;
    }

    /** Where the services of the suite export their spans. */
    static synchronized OtlpCollector collector() {
        get();
        return collector;
    }

    /** Where each service instance writes its log, {@code <name>.log}. */
    static synchronized Path logs() {
        get();
        return dataDirectory.resolve("logs");
    }

    static boolean scaledOut() {
        return Boolean.getBoolean(SCALED_OUT_PROPERTY);
    }

    /** How long the start took, from nothing to the demo tenant provisioned. */
    static Duration startup() {
        get();
        return startup;
    }

    private static LocalStack start() {
        try {
            dataDirectory = Files.createTempDirectory("uplink-acceptance-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        identityProvider = IdentityProvider.start();
        collector = OtlpCollector.start();
        List<String> arguments = FreePortArguments.forDataDirectory(dataDirectory,
                scaledOut() ? SCALED_OUT : FreePortArguments.Instances.DEFAULT);
        arguments.add("--oidc-issuer=" + identityProvider.issuer());
        arguments.add("--oidc-jwks-uri=" + identityProvider.jwksUri());
        // Spans go to the collector, but only of traces a caller starts sampled (its traceparent's flag): the tests'
        // other traffic costs no export.
        arguments.add("--otlp-endpoint=" + collector.endpoint());
        arguments.add("--trace-sampling=0");
        // The journeys check what the complete call records (the client's filename and metadata); ingestion keeps the
        // first signal per object version, and a store notification would usually come first without them. So the
        // store announces only the browser tenants' keys, whose uploads (Uppy) never call complete.
        arguments.add("--storage-notifications=on");
        arguments.add("--storage-notifications-prefix=tenants/" + BROWSER_TENANTS);
        // -Duplink.acceptance.class-data-sharing=off starts the services from their exec jars as built (to compare)
        arguments.add("--class-data-sharing=" + System.getProperty("uplink.acceptance.class-data-sharing", "on"));
        // -Duplink.acceptance.java-opts='…' replaces the services' JVM options (to compare compilers, collectors)
        String javaOptions = System.getProperty("uplink.acceptance.java-opts", "");
        if (!javaOptions.isBlank()) {
            arguments.add("--java-opts=" + javaOptions);
        }
        String[] args = arguments.toArray(String[]::new);
        PrintStream out = System.out;
        LocalStack started = LocalStack.prepare(LaunchOptions.parse(args, Map.of()), out);
        Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "acceptance-suite-stop"));
        Instant began = Instant.now();
        started.start();
        startup = Duration.between(began, Instant.now());
        out.println("acceptance | suite started in " + startup.toSeconds() + " s; service logs in " + dataDirectory.resolve("logs"));
        return started;
    }
}

package io.uplink.bench.credential;

import io.uplink.bench.cpu.ProcessCpu;

import io.uplink.testsupport.identity.TestIdentityKeys;
import io.uplink.testsupport.KafkaEndpoint;
import io.uplink.testsupport.PostgresEndpoint;
import io.uplink.testsupport.S3Endpoint;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One credential-service instance as it is deployed: its own JVM started from the exec jar the build produced,
 * settings passed as command-line arguments (they win over application.yml's env placeholders).
 */
final class CredentialServiceProcess implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(120);

    private final Process process;
    private final Path log;
    final URI base;

    private CredentialServiceProcess(Process process, Path log, URI base) {
        this.process = process;
        this.log = log;
        this.base = base;
    }

    static CredentialServiceProcess start(PostgresEndpoint postgres, KafkaEndpoint kafka,
                                          S3Endpoint s3) throws Exception {
        Path jar = execJar();
        int port = freePort();
        Path log = Files.createTempFile("credential-service-bench", ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m"));
        String extraJavaOptions = System.getenv("UPLINK_BENCH_CREDENTIAL_JAVA_OPTS");
        if (extraJavaOptions != null && !extraJavaOptions.isBlank()) {
            command.addAll(List.of(extraJavaOptions.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString(),
                "--server.port=" + port,
                "--uplink.identity.trusted-keys=" + TestIdentityKeys.TRUSTED_KEYS,
                "--uplink.identity.private-key=" + TestIdentityKeys.CREDENTIAL_PRIVATE_KEY,
                "--spring.datasource.url=" + postgres.jdbcUrl(),
                "--spring.datasource.username=" + postgres.username(),
                "--spring.datasource.password=" + postgres.password(),
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--uplink.credential.storage.endpoint=" + s3.endpoint(),
                "--uplink.credential.storage.region=" + s3.region(),
                "--uplink.credential.storage.access-key=" + s3.accessKey(),
                "--uplink.credential.storage.secret-key=" + s3.secretKey(),
                "--uplink.credential.storage.bucket=" + s3.bucket(),
                "--uplink.credential.reconciler.enabled=false",
                "--logging.level.root=WARN"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        CredentialServiceProcess service = new CredentialServiceProcess(process, log,
                URI.create("http://127.0.0.1:" + port));
        service.awaitReady();
        return service;
    }

    private void awaitReady() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("credential-service exited (" + process.exitValue() + "), see " + log);
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(base.resolve("/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        close();
        throw new IllegalStateException("credential-service not ready within " + STARTUP + ", see " + log);
    }

    /** The exec jar from credential-service/target (bench/run builds it: bench depends on the module). */
    private static Path execJar() throws IOException {
        for (Path dir : List.of(Path.of("credential-service", "target"), Path.of("..", "credential-service", "target"))) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    var jar = files.filter(f -> f.getFileName().toString().matches("credential-service-.*-exec\\.jar"))
                            .findFirst();
                    if (jar.isPresent()) {
                        return jar.get();
                    }
                }
            }
        }
        throw new IllegalStateException("no credential-service exec jar; build it: ./mvnw -pl credential-service -am package -DskipTests");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** CPU time the service process has used (all its threads, JIT and GC included). */
    ProcessCpu cpu() {
        return ProcessCpu.of("credential-service", process.toHandle());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}

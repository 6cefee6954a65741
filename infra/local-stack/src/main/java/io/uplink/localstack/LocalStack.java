package io.uplink.localstack;

import io.uplink.localstack.launch.ExtractedJar;
import io.uplink.localstack.launch.LaunchOptions;
import io.uplink.localstack.launch.LocalIdentityKeys;
import io.uplink.localstack.launch.PortCheck;
import io.uplink.localstack.launch.ReadinessProbe;
import io.uplink.localstack.launch.ServiceJars;
import io.uplink.localstack.launch.ServicePlan;
import io.uplink.localstack.launch.ServiceProcess;
import io.uplink.localstack.launch.ServiceSpec;
import io.uplink.localstack.launch.UsageException;
import io.uplink.localstack.provision.DemoProvisioner;
import io.uplink.localstack.provision.DemoTenant;
import io.uplink.localstack.provision.DemoTenantStore;
import io.uplink.localstack.provision.FirstAdminKeyStore;
import io.uplink.localstack.webhook.DemoWebhookReceiver;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Uplink on one machine with nothing but a JDK: embedded PostgreSQL, Kafka, S3Proxy and Redis, the four services
 * (two credential-service instances behind the gateway) as child processes, a demo tenant with an API key and a
 * webhook endpoint pointing at a built-in receiver, and a printed quick start. Ctrl-C stops everything.
 */
public final class LocalStack {

    private static final Duration SERVICE_STOP_GRACE = Duration.ofSeconds(30);
    private static final int NAME_WIDTH = 12;

    private final LaunchOptions options;
    private final Path repository;
    private final Path dataDirectory;
    private final PrintStream out;
    private final List<ServiceProcess> processes = new ArrayList<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private EmbeddedInfrastructure infrastructure;
    private DemoWebhookReceiver receiver;

    private final Map<String, Path> jars;
    private final Map<String, ExtractedJar> launchJars = new LinkedHashMap<>();
    private DemoTenant demoTenant;
    private String adminKey;

    private LocalStack(LaunchOptions options, Path repository, PrintStream out, Map<String, Path> jars) {
        this.options = options;
        this.repository = repository;
        this.dataDirectory = options.resolvedDataDirectory(repository);
        this.out = out;
        this.jars = jars;
    }

    public static void main(String[] args) {
        if (LaunchOptions.wantsHelp(args)) {
            System.out.print(LaunchOptions.usage());
            return;
        }
        LocalStack stack;
        try {
            stack = prepare(LaunchOptions.parse(args, System.getenv()), System.out);
        } catch (UsageException e) {
            System.err.println("uplink-local: " + e.getMessage());
            System.err.println();
            System.err.print(LaunchOptions.usage());
            System.exit(2);
            return;
        } catch (ServiceJars.MissingServiceJarException | IllegalStateException e) {
            System.err.println("uplink-local: " + e.getMessage());
            System.exit(1);
            return;
        }
        stopOnSignal(stack);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "uplink-local-shutdown"));
        try {
            stack.start();
        } catch (RuntimeException | Error e) {
            System.err.println("uplink-local: could not start: " + e);
            if (!(e instanceof IllegalStateException)) {
                e.printStackTrace();
            }
            System.exit(1); // the shutdown hook stops whatever did start
        }
        try {
            new CountDownLatch(1).await(); // until Ctrl-C: the shutdown hook stops everything
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Checks that the service jars are built and the ports are free, without starting anything. The acceptance tests
     * drive the stack through this and {@link #start()}, exactly as {@code ./uplink-local} does.
     */
    public static LocalStack prepare(LaunchOptions options, PrintStream out) {
        Path repository = RepositoryRoot.locate(options.repository() == null ? Path.of("") : options.repository());
        Map<String, Path> jars = locateJars(ServiceJars.forBuiltVersion(repository));
        requireFreePorts(options);
        return new LocalStack(options, repository, out, jars);
    }

    /**
     * Ctrl-C and SIGTERM stop the stack before the JVM's shutdown hooks run: those of the embedded servers (Kafka's
     * test kit deletes its log directories in one) would otherwise race the orderly stop. The shutdown hook stays as
     * the fallback for other exits.
     */
    @SuppressWarnings("sunapi")
    private static void stopOnSignal(LocalStack stack) {
        for (String name : List.of("INT", "TERM")) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                    stack.stop();
                    System.exit(0);
                });
            } catch (IllegalArgumentException e) {
                // This platform has no such signal; the shutdown hook covers it.
            }
        }
    }

    static Map<String, Path> locateJars(ServiceJars jars) {
        Map<String, Path> located = new LinkedHashMap<>();
        for (String module : List.of("metadata-service", "callback-service", "credential-service", "console-service", "gateway-service")) {
            located.put(module, jars.locate(module));
        }
        return located;
    }

    private static void requireFreePorts(LaunchOptions options) {
        List<Integer> wanted = new ArrayList<>(List.of(options.consolePort(), options.receiverPort(), options.postgresPort(),
                options.s3Port(), options.redisPort()));
        wanted.addAll(options.gatewayPorts());
        wanted.addAll(options.credentialPorts());
        wanted.addAll(options.metadataPorts());
        wanted.addAll(options.callbackPorts());
        List<Integer> busy = PortCheck.busy(wanted);
        if (!busy.isEmpty()) {
            throw new UsageException("port(s) " + busy + " already in use (another local stack still running?); "
                    + "stop what holds them or choose other ports");
        }
    }

    /** Starts infrastructure, services, receiver, provisions the demo tenant and prints the quick start. */
    public void start() {
        Instant began = Instant.now();
        out.println("uplink-local | repository " + repository + ", data in " + dataDirectory);
        CompletableFuture<Map<String, ExtractedJar>> extracting = CompletableFuture.supplyAsync(this::extractJars);
        infrastructure = EmbeddedInfrastructure.start(options, dataDirectory, out);
        out.printf("infra      | ready in %d s%n", Duration.between(began, Instant.now()).toSeconds());
        try {
            receiver = DemoWebhookReceiver.start(options.receiverPort(), out, Clock.systemUTC());
        } catch (IOException e) {
            throw new IllegalStateException("could not start the demo webhook receiver on port " + options.receiverPort(), e);
        }

        adminKey = new FirstAdminKeyStore(dataDirectory, ServicePlan.KEY_ENVIRONMENT).loadOrCreate();
        launchJars.putAll(extracting.join());
        List<ServiceSpec> services = ServicePlan.services(options, infrastructure.endpoints(), adminKey);
        for (ServiceSpec service : services) {
            processes.add(launch(service));
        }
        awaitReadiness(processes);
        out.printf("uplink-local | all services ready %d s after start%n", Duration.between(began, Instant.now()).toSeconds());

        DemoTenantStore store = new DemoTenantStore(dataDirectory);
        DemoProvisioner provisioner = new DemoProvisioner(LocalIdentityKeys.gateway(), Clock.systemUTC(),
                URI.create("http://127.0.0.1:" + options.metadataPort()), URI.create("http://127.0.0.1:" + options.callbackPort()),
                ServicePlan.KEY_ENVIRONMENT);
        DemoProvisioner.Outcome outcome = provisioner.provision(store.load().orElse(null), receiver.url());
        DemoTenant tenant = outcome.tenant();
        store.save(tenant);
        demoTenant = tenant;
        if (tenant.webhookSecret() != null) {
            receiver.trust(tenant.webhookSecret());
        }

        var endpoints = infrastructure.endpoints();
        out.print(QuickStart.render(new QuickStart.Endpoints(
                "http://localhost:" + options.gatewayPort(), receiver.url(), endpoints.s3().endpoint().toString(),
                endpoints.postgres().jdbcUrl() + " (user " + endpoints.postgres().username() + ")",
                endpoints.kafka().bootstrapServers(), endpoints.redis().host() + ":" + endpoints.redis().port(),
                dataDirectory), adminKey, tenant, outcome.notes()));
    }

    private ServiceProcess launch(ServiceSpec service) {
        PrintStream console = options.logOutput() == LaunchOptions.LogOutput.CONSOLE ? out : null;
        List<String> jvmOptions = Arrays.stream(options.javaOptions().trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        Path logs = dataDirectory.resolve("logs");
        ServiceProcess process = ServiceProcess.start(service, launchJars.get(service.module()), jvmOptions, repository, logs,
                console, NAME_WIDTH);
        out.printf("%-" + NAME_WIDTH + "s | starting on port %d (log: %s)%n", service.name(), service.port(),
                logs.resolve(service.name() + ".log"));
        return process;
    }

    /** Every service jar extracted for a quick start, while the infrastructure starts. */
    private Map<String, ExtractedJar> extractJars() {
        Map<String, ExtractedJar> extracted = new LinkedHashMap<>();
        jars.forEach((module, jar) -> extracted.put(module, options.classDataSharing()
                ? ExtractedJar.prepare(jar, ServiceProcess.java()) : ExtractedJar.asBuilt(jar)));
        return extracted;
    }

    /** Kills one service process without warning ({@code credential-2}, {@code metadata}, …), as a crash would. */
    public synchronized void kill(String serviceName) {
        ServiceProcess process = process(serviceName);
        out.printf("%-" + NAME_WIDTH + "s | killed%n", serviceName);
        process.kill();
    }

    /** Stops PostgreSQL under the running services (its data stays), as an outage would. */
    public void stopPostgres() {
        out.println("infra      | stopping PostgreSQL");
        infrastructure.stopPostgres();
    }

    /** Starts PostgreSQL again on its port with its data. */
    public void startPostgres() {
        out.println("infra      | starting PostgreSQL again");
        infrastructure.startPostgres();
    }

    /** Stops the Kafka broker under the running services (its records stay), as a broker restart begins. */
    public void stopKafka() {
        out.println("infra      | stopping Kafka");
        infrastructure.stopKafka();
    }

    /** Starts the Kafka broker again on its port with its records. */
    public void startKafka() {
        out.println("infra      | starting Kafka again");
        infrastructure.startKafka();
    }

    /**
     * Starts services again, each on its port, and waits until they are ready. A service still running is stopped
     * first with SIGTERM (a graceful stop), so restarting one instance at a time is a rolling restart; restarts of
     * different services may run at once from several threads.
     */
    public void restart(String... serviceNames) {
        if (serviceNames.length == 0) {
            return;
        }
        List<ServiceProcess> restarted = new ArrayList<>();
        for (String serviceName : serviceNames) {
            ServiceProcess old;
            synchronized (this) {
                old = process(serviceName);
            }
            if (old.isAlive()) {
                old.stop(SERVICE_STOP_GRACE);
            }
            synchronized (this) {
                ServiceProcess started = launch(old.spec());
                processes.set(processes.indexOf(old), started);
                restarted.add(started);
            }
        }
        awaitReadiness(restarted);
    }

    /** The names of the running instances of a module ({@code metadata-service} → {@code metadata}, {@code metadata-2}). */
    public synchronized List<String> instancesOf(String module) {
        return processes.stream().filter(process -> process.spec().module().equals(module))
                .map(process -> process.spec().name()).toList();
    }

    /** Where a service ({@code metadata}, {@code metadata-2}, …) listens, e.g. to read its actuator health. */
    public synchronized String serviceUrl(String serviceName) {
        return process(serviceName).spec().baseUrl();
    }

    private ServiceProcess process(String serviceName) {
        return processes.stream().filter(process -> process.spec().name().equals(serviceName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service '" + serviceName + "'"));
    }

    private void awaitReadiness(List<ServiceProcess> processes) {
        ReadinessProbe probe = new ReadinessProbe();
        Duration timeout = Duration.ofSeconds(options.startupTimeoutSeconds());
        ExecutorService waiting = Executors.newFixedThreadPool(processes.size());
        try {
            Map<ServiceProcess, Future<Duration>> readiness = new LinkedHashMap<>();
            for (ServiceProcess process : processes) {
                readiness.put(process, waiting.submit(() -> probe.awaitReady(process.spec().name(),
                        URI.create(process.spec().readinessUrl()), process::isAlive, timeout)));
            }
            for (Map.Entry<ServiceProcess, Future<Duration>> entry : readiness.entrySet()) {
                ServiceProcess process = entry.getKey();
                try {
                    Duration took = entry.getValue().get();
                    out.printf("%-" + NAME_WIDTH + "s | ready (%.1f s) at %s%n", process.spec().name(), took.toMillis() / 1000.0,
                            process.spec().baseUrl());
                } catch (ExecutionException e) {
                    StringBuilder message = new StringBuilder(e.getCause().getMessage());
                    message.append("\nLast lines of ").append(process.spec().name()).append(" (full log in ")
                            .append(dataDirectory.resolve("logs").resolve(process.spec().name() + ".log")).append("):");
                    process.tail().forEach(line -> message.append("\n    ").append(line));
                    throw new IllegalStateException(message.toString());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the services");
        } finally {
            waiting.shutdownNow();
        }
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + options.gatewayPort();
    }

    /** Every gateway, the first one first: a load balancer in front of them would send clients to any. */
    public List<String> gatewayUrls() {
        return options.gatewayPorts().stream().map(port -> "http://127.0.0.1:" + port).toList();
    }

    /** The provisioned demo tenant (its API key and webhook secret), once {@link #start()} returned. */
    /** The first admin key, kept in the data directory (valid while no admin rotated it away). */
    public String adminKey() {
        return adminKey;
    }

    public DemoTenant demoTenant() {
        return demoTenant;
    }

    public DemoWebhookReceiver receiver() {
        return receiver;
    }

    public ServicePlan.Infrastructure infrastructure() {
        return infrastructure.endpoints();
    }

    /** Services first (all at once, each given time for a graceful shutdown), then the receiver, then the infrastructure. Idempotent. */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        out.println("uplink-local | stopping services");
        if (processes.stream().anyMatch(ServiceProcess::recordsArchive)) {
            out.println("uplink-local | (saving class-data archives for a faster next start: once per build, up to a minute)");
        }
        List<ServiceProcess> reversed = new ArrayList<>(processes);
        java.util.Collections.reverse(reversed);
        List<Thread> stopping = new ArrayList<>();
        for (ServiceProcess process : reversed) {
            Thread thread = new Thread(() -> process.stop(SERVICE_STOP_GRACE), "stop-" + process.spec().name());
            thread.start();
            stopping.add(thread);
        }
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (receiver != null) {
            receiver.close();
        }
        if (infrastructure != null) {
            out.println("uplink-local | stopping infrastructure");
            infrastructure.close();
        }
        out.println("uplink-local | stopped; data kept in " + dataDirectory);
    }
}

package io.uplink.bench.cpu;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * CPU time one process (or process tree) has used so far: this JVM, the run's Postgres (postmaster and every
 * backend, WAL writer, checkpointer) or a service JVM the run started. On a machine shared with other work a round's
 * wall time moves with the neighbours while the CPU it used barely does, so CPU per operation is how a benchmark says
 * where its time goes.
 */
public final class ProcessCpu {

    private final String name;
    private final Supplier<Duration> used;

    private ProcessCpu(String name, Supplier<Duration> used) {
        this.name = name;
        this.used = used;
    }

    public static ProcessCpu thisJvm(String name) {
        return new ProcessCpu(name, () -> cpu(ProcessHandle.current()));
    }

    /**
     * The Postgres server listening on {@code port}, found by its {@code -p <port>} argument (other sessions run their
     * own servers). Backends that exit between two readings take their CPU with them; pooled connections stay open.
     * Empty when no such process is visible (another OS, or a server this run did not start).
     */
    public static Optional<ProcessCpu> postgresOn(int port) {
        return serverOn("Postgres", "/postgres", port);
    }

    /**
     * The embedded Redis server this JVM started (embedded-redis passes its settings, the port too, in a
     * configuration file, so it is found as this JVM's {@code redis-server} child).
     */
    public static Optional<ProcessCpu> redisStartedHere() {
        return ProcessHandle.current().children()
                .filter(child -> child.info().command().map(command -> command.contains("redis-server")).orElse(false))
                .findFirst()
                .map(redis -> new ProcessCpu("Redis", () -> cpu(redis)));
    }

    /** A server process whose executable's path contains {@code executable}, started with {@code port} as an argument, with its descendants. */
    private static Optional<ProcessCpu> serverOn(String name, String executable, int port) {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().command().map(command -> command.contains(executable)).orElse(false))
                .filter(process -> process.info().arguments().map(args -> listensOn(Arrays.asList(args), port)).orElse(false))
                .findFirst()
                .map(server -> new ProcessCpu(name, () -> Stream.concat(Stream.of(server), server.descendants())
                        .map(ProcessCpu::cpu)
                        .reduce(Duration.ZERO, Duration::plus)));
    }

    /** A child of this JVM started from {@code jarName} (its last argument ends with it). */
    public static Optional<ProcessCpu> childRunning(String name, String jarName) {
        return ProcessHandle.current().children()
                .filter(child -> child.info().arguments()
                        .map(arguments -> Arrays.stream(arguments).anyMatch(argument -> argument.endsWith(jarName)))
                        .orElse(false))
                .findFirst()
                .map(child -> new ProcessCpu(name, () -> cpu(child)));
    }

    public static ProcessCpu of(String name, ProcessHandle process) {
        return new ProcessCpu(name, () -> cpu(process));
    }

    public String name() {
        return name;
    }

    public Duration used() {
        return used.get();
    }

    private static boolean listensOn(List<String> args, int port) {
        for (String flag : List.of("-p", "--port")) {
            int at = args.indexOf(flag);
            if (at >= 0 && at + 1 < args.size() && args.get(at + 1).equals(Integer.toString(port))) {
                return true;
            }
        }
        return false;
    }

    private static Duration cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }
}

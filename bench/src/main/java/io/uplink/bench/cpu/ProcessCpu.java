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
     * own servers): the postmaster, every live child (backends, WAL writer, checkpointer) and the CPU of the children
     * it has reaped (a backend, autovacuum or parallel worker that exited keeps counting: the kernel adds its CPU to
     * the postmaster's {@code cutime}/{@code cstime}). A child that exits between two readings moves its CPU from the
     * live sum to the reaped one, so the total only grows. Empty when no such process is visible (another OS, or a
     * server this run did not start).
     */
    public static Optional<ProcessCpu> postgresOn(int port) {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().command().map(command -> command.endsWith("/postgres")).orElse(false))
                .filter(process -> process.info().arguments()
                        .map(args -> Arrays.asList(args).contains("-D") && listensOn(Arrays.asList(args), port)).orElse(false))
                .findFirst()
                .map(postmaster -> new ProcessCpu("Postgres", () -> Stream.concat(Stream.of(postmaster), postmaster.children())
                        .map(ProcessCpu::cpu)
                        .reduce(ReapedChildrenCpu.of(postmaster), Duration::plus)));
    }

    /** The embedded Redis server this JVM started (its {@code redis-server} child; a bench run starts one). */
    public static Optional<ProcessCpu> redisStartedHere() {
        return ProcessHandle.current().children()
                .filter(child -> child.info().command().map(command -> command.contains("redis-server")).orElse(false))
                .findFirst()
                .map(redis -> new ProcessCpu("Redis", () -> cpu(redis)));
    }

    /** A child of this JVM started from {@code jarName} (one of its arguments ends with it). */
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
        int at = args.indexOf("-p");
        return at >= 0 && at + 1 < args.size() && args.get(at + 1).equals(Integer.toString(port));
    }

    private static Duration cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }
}

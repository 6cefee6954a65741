package io.uplink.bench.webhooks;

import io.uplink.testsupport.PostgresEndpoint;

import java.net.URI;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * CPU time used so far by this JVM (service, Kafka broker, receiver, producer) and by the run's Postgres (postmaster
 * and its backends). On a machine shared with other work a round's wall time moves with the neighbours, while the CPU
 * it used barely does: diagnostic output only, beside the per-round timings.
 */
final class ProcessCpu {

    private final String postmasterPortArgument;

    ProcessCpu(PostgresEndpoint postgres) {
        postmasterPortArgument = " -p " + URI.create(postgres.jdbcUrl().substring("jdbc:".length())).getPort() + " ";
    }

    /** @return {this JVM, Postgres} CPU time in nanoseconds */
    long[] nanos() {
        long jvm = cpuNanos(ProcessHandle.current());
        // backends that ended meanwhile are missed; the service's pooled connections stay open
        long postgres = ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine()
                        .map(line -> line.contains("/bin/postgres") && line.contains(postmasterPortArgument))
                        .orElse(false))
                .flatMap(postmaster -> Stream.concat(Stream.of(postmaster), postmaster.descendants()))
                .mapToLong(ProcessCpu::cpuNanos)
                .sum();
        return new long[]{jvm, postgres};
    }

    private static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }
}

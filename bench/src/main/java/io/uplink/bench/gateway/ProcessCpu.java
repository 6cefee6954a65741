package io.uplink.bench.gateway;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * CPU time a child JVM has used so far, found among this JVM's children by its jar. CPU per request does not move
 * with the load other processes put on the machine the way throughput and latency do.
 */
final class ProcessCpu {

    private final ProcessHandle process;

    private ProcessCpu(ProcessHandle process) {
        this.process = process;
    }

    static Optional<ProcessCpu> ofChildRunning(String jarName) {
        return ProcessHandle.current().children()
                .filter(child -> child.info().arguments()
                        .map(arguments -> Arrays.stream(arguments).anyMatch(argument -> argument.endsWith(jarName)))
                        .orElse(false))
                .findFirst()
                .map(ProcessCpu::new);
    }

    Duration used() {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }
}

package io.uplink.bench.credential;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * CPU time of the embedded Postgres the service writes to (its postmaster and every child: backends, WAL writer,
 * checkpointer): each mint inserts one {@code upload_session} row, and that work runs on the same cores as the
 * service. The postmaster is found by its {@code -p <port>} argument (other sessions run their own servers); a
 * backend that exits mid-phase takes its CPU with it, but Hikari keeps its connections open.
 */
final class PostgresCpu {

    private final ProcessHandle postmaster;

    private PostgresCpu(ProcessHandle postmaster) {
        this.postmaster = postmaster;
    }

    /** Empty when no such process is visible (another OS, or a server not started by this run). */
    static Optional<PostgresCpu> of(int port) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(args -> listensOn(Arrays.asList(args), port)).orElse(false))
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .findFirst()
                .map(PostgresCpu::new);
    }

    private static boolean listensOn(List<String> args, int port) {
        int at = args.indexOf("-p");
        return at >= 0 && at + 1 < args.size() && args.get(at + 1).equals(Integer.toString(port));
    }

    Duration cpuTime() {
        Duration total = postmaster.info().totalCpuDuration().orElse(Duration.ZERO);
        for (ProcessHandle child : postmaster.children().toList()) {
            total = total.plus(child.info().totalCpuDuration().orElse(Duration.ZERO));
        }
        return total;
    }
}

package io.uplink.bench.cpu;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * CPU each process spent per operation over the phases measured with it: {@code this JVM 0.21 ms, Postgres 0.08 ms}.
 * Phases are added one by one ({@link #begin()} … {@link Phase#end(long)}), so a benchmark counts only its measured
 * rounds, not its warm-up.
 */
public final class CpuPerOperation {

    private final List<ProcessCpu> processes;
    private final Map<String, Duration> spent = new LinkedHashMap<>();
    private long operations;

    public CpuPerOperation(List<ProcessCpu> processes) {
        this.processes = List.copyOf(processes);
        processes.forEach(process -> spent.put(process.name(), Duration.ZERO));
    }

    public Phase begin() {
        List<Duration> before = new ArrayList<>();
        processes.forEach(process -> before.add(process.used()));
        return new Phase(before);
    }

    /** One measured phase, begun; {@link #end} adds its CPU and its operations. */
    public final class Phase {
        private final List<Duration> before;

        private Phase(List<Duration> before) {
            this.before = before;
        }

        public void end(long operationsDone) {
            for (int i = 0; i < processes.size(); i++) {
                ProcessCpu process = processes.get(i);
                spent.merge(process.name(), process.used().minus(before.get(i)), Duration::plus);
            }
            operations += operationsDone;
        }
    }

    /** Milliseconds of CPU per operation, by process name; 0 before any phase ended. */
    public Map<String, Double> millisPerOperation() {
        Map<String, Double> perOperation = new LinkedHashMap<>();
        spent.forEach((name, cpu) -> perOperation.put(name, operations == 0 ? 0 : cpu.toNanos() / 1e6 / operations));
        return perOperation;
    }

    /** All processes together, milliseconds per operation. */
    public double totalMillisPerOperation() {
        return millisPerOperation().values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Milliseconds of CPU per operation one process spent; 0 for a process not measured. */
    public double millisOf(String process) {
        return millisPerOperation().getOrDefault(process, 0.0);
    }

    /**
     * Where the time goes for a closed-loop figure against a goal of {@code goalShare} of its baseline's rate: what
     * each side costs by process; the CPU per operation the machine's cores leave for the goal's rate ({@code cores /
     * (goalShare × baselineRate)}) and how much of it one process ({@code fixedCost}: work the figure cannot do
     * without, such as Postgres writing its rows) takes by itself; and the rate the cores allow at the figure's
     * measured CPU per operation, were they all its. When the fixed cost and the baseline's own work already fill the
     * allowance, the goal is out of this machine's reach without making that work cheaper.
     */
    public static String budget(CpuPerOperation figure, CpuPerOperation baseline, double baselineRate, double goalShare,
                                String fixedCost) {
        int cores = Runtime.getRuntime().availableProcessors();
        double allowed = cores * 1000.0 / (goalShare * baselineRate);
        double ceiling = cores * 1000.0 / figure.totalMillisPerOperation();
        return String.format("CPU per operation: %s; baseline: %s. On %d cores, %.2f of the baseline's rate (%,.0f/s)"
                        + " leaves %s per operation in all, of which %s alone takes %s; at its measured CPU the cores"
                        + " allow at most %,.0f/s, %.2f of the baseline",
                figure, baseline, cores, goalShare, goalShare * baselineRate, formatMillis(allowed), fixedCost,
                formatMillis(figure.millisOf(fixedCost)), ceiling, ceiling / baselineRate);
    }

    /** {@code this JVM 0.210 ms, Postgres 0.080 ms} (µs below 0.1 ms). */
    @Override
    public String toString() {
        StringJoiner text = new StringJoiner(", ");
        millisPerOperation().forEach((name, millis) -> text.add(name + " " + formatMillis(millis)));
        return text.toString();
    }

    public static String formatMillis(double millis) {
        return millis < 0.1 ? String.format("%.1f µs", millis * 1000) : String.format("%.2f ms", millis);
    }
}

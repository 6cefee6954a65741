package io.uplink.bench.cpu;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * CPU each process spent per operation over the phases measured with it: {@code this JVM 0.21 ms, Postgres 80.0 µs}.
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

    /**
     * Where the time goes for a closed-loop figure against a goal of {@code goalShare} of its baseline's rate: what
     * each side costs by process and how many of the cores each side's processes kept busy; the CPU per operation
     * the cores leave for the goal's rate ({@code cores / (goalShare × baselineRate)}) and how much of it one process
     * ({@code fixedCost}: work the figure cannot do without, such as Postgres writing its rows) takes by itself.
     * When the fixed cost and the work the baseline also does already fill that allowance, the goal is out of this
     * machine's reach without making that work cheaper.
     */
    public static String budget(CpuPerOperation figure, double figureRate, CpuPerOperation baseline, double baselineRate,
                                double goalShare, String fixedCost) {
        int cores = Runtime.getRuntime().availableProcessors();
        double allowed = cores * 1000.0 / (goalShare * baselineRate);
        Double fixed = figure.millisPerOperation().get(fixedCost);
        return String.format("CPU per operation: %s; baseline: %s (busy cores: %.2f and %.2f of %d). %.2f of the"
                        + " baseline's rate (%,.0f/s) leaves %s of CPU per operation in all, of which %s",
                figure, baseline, figure.totalMillisPerOperation() * figureRate / 1000,
                baseline.totalMillisPerOperation() * baselineRate / 1000, cores, goalShare, goalShare * baselineRate,
                formatMillis(allowed), fixed == null ? fixedCost + " was not measured"
                        : fixedCost + " alone takes " + formatMillis(fixed));
    }

    /** {@code this JVM 0.21 ms, Postgres 80.0 µs} (µs below 0.1 ms). */
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

package io.uplink.bench.gateway;

import io.uplink.bench.cpu.CpuPerOperation;
import io.uplink.bench.cpu.ProcessCpu;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU milliseconds each service process spent per request over the rounds of one side of the comparison
 * ({@link CpuPerOperation}), and the same net of what each process spends with no traffic at all.
 */
final class CpuPerRequest {

    @FunctionalInterface
    interface MeasuredRound {
        RoundResult run() throws Exception;
    }

    private final List<ProcessCpu> processes;
    private final CpuPerOperation cpu;
    private long requests;
    private Duration measuredTime = Duration.ZERO;
    private Map<String, Double> idleMillisPerSecond = Map.of();

    CpuPerRequest(ServiceStack stack) {
        processes = stack.processCpus();
        cpu = new CpuPerOperation(processes);
    }

    RoundResult measure(MeasuredRound round) throws Exception {
        CpuPerOperation.Phase phase = cpu.begin();
        long start = System.nanoTime();
        RoundResult result = round.run();
        measuredTime = measuredTime.plusNanos(System.nanoTime() - start);
        phase.end(result.requests());
        requests += result.requests();
        return result;
    }

    /**
     * CPU each process spends per second with no traffic at all (JIT, GC, Kafka and Redis clients, health probes):
     * the side with fewer requests per second divides more of it among its requests, so {@link #toString()} also
     * shows the per-request figure net of it.
     */
    void measureIdle(Duration window) throws InterruptedException {
        CpuPerOperation idle = new CpuPerOperation(processes);
        CpuPerOperation.Phase phase = idle.begin();
        long start = System.nanoTime();
        Thread.sleep(window.toMillis());
        double seconds = (System.nanoTime() - start) / 1e9;
        phase.end(1);
        Map<String, Double> perSecond = new LinkedHashMap<>();
        idle.millisPerOperation().forEach((name, millis) -> perSecond.put(name, millis / seconds));
        idleMillisPerSecond = perSecond;
    }

    void idleFrom(CpuPerRequest other) {
        idleMillisPerSecond = other.idleMillisPerSecond;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        double seconds = measuredTime.toNanos() / 1e9;
        cpu.millisPerOperation().forEach((name, millis) -> {
            text.append(text.isEmpty() ? "" : ", ").append(name).append(String.format(" %.2f ms", millis));
            Double idle = idleMillisPerSecond.get(name);
            if (idle != null && requests > 0) {
                text.append(String.format(" (%.2f ms net of %.0f ms/s idle CPU)", millis - idle * seconds / requests,
                        idle));
            }
        });
        return text.toString();
    }
}

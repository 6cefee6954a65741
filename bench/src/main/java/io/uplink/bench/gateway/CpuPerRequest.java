package io.uplink.bench.gateway;

import io.uplink.bench.cpu.ProcessCpu;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** CPU milliseconds each service process spent per request over the rounds of one side of the comparison. */
final class CpuPerRequest {

    @FunctionalInterface
    interface MeasuredRound {
        RoundResult run() throws Exception;
    }

    private final Map<String, ProcessCpu> processes = new LinkedHashMap<>();
    private final Map<String, Duration> spent = new LinkedHashMap<>();
    private long requests;
    private Duration measuredTime = Duration.ZERO;
    private Map<String, Double> idleMillisPerSecond = Map.of();

    CpuPerRequest(ServiceStack stack) {
        stack.processCpus().forEach(cpu -> {
            processes.put(cpu.name(), cpu);
            spent.put(cpu.name(), Duration.ZERO);
        });
    }

    RoundResult measure(MeasuredRound round) throws Exception {
        Map<String, Duration> before = snapshot();
        long start = System.nanoTime();
        RoundResult result = round.run();
        measuredTime = measuredTime.plusNanos(System.nanoTime() - start);
        snapshot().forEach((name, after) -> spent.merge(name, after.minus(before.get(name)), Duration::plus));
        requests += result.requests();
        return result;
    }

    /**
     * CPU each process spends per second with no traffic at all (JIT, GC, Kafka and Redis clients, health probes):
     * the side with fewer requests per second divides more of it among its requests, so {@link #toString()} also
     * shows the per-request figure net of it.
     */
    void measureIdle(Duration window) throws InterruptedException {
        Map<String, Duration> before = snapshot();
        long start = System.nanoTime();
        Thread.sleep(window.toMillis());
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> idle = new LinkedHashMap<>();
        snapshot().forEach((name, after) -> idle.put(name, after.minus(before.get(name)).toNanos() / 1e6 / seconds));
        idleMillisPerSecond = idle;
    }

    void idleFrom(CpuPerRequest other) {
        idleMillisPerSecond = other.idleMillisPerSecond;
    }

    private Map<String, Duration> snapshot() {
        Map<String, Duration> now = new LinkedHashMap<>();
        processes.forEach((name, cpu) -> now.put(name, cpu.used()));
        return now;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        double seconds = measuredTime.toNanos() / 1e9;
        spent.forEach((name, cpu) -> {
            text.append(text.isEmpty() ? "" : ", ").append(name)
                    .append(String.format(" %.2f ms", requests == 0 ? 0 : cpu.toNanos() / 1e6 / requests));
            Double idle = idleMillisPerSecond.get(name);
            if (idle != null && requests > 0) {
                text.append(String.format(" (%.2f ms net of %.0f ms/s idle CPU)",
                        (cpu.toNanos() / 1e6 - idle * seconds) / requests, idle));
            }
        });
        return text.toString();
    }
}

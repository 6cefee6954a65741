package io.uplink.bench.gateway;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** CPU milliseconds each service process spent per request over the rounds of one side of the comparison. */
final class CpuPerRequest {

    @FunctionalInterface
    interface MeasuredRound {
        RoundResult run() throws Exception;
    }

    private final Map<String, Optional<ProcessCpu>> processes = new LinkedHashMap<>();
    private final Map<String, Duration> spent = new LinkedHashMap<>();
    private long requests;

    CpuPerRequest(ServiceStack stack) {
        stack.processCpus().forEach((name, cpu) -> {
            processes.put(name, cpu);
            spent.put(name, Duration.ZERO);
        });
    }

    RoundResult measure(MeasuredRound round) throws Exception {
        Map<String, Duration> before = snapshot();
        RoundResult result = round.run();
        snapshot().forEach((name, after) -> spent.merge(name, after.minus(before.get(name)), Duration::plus));
        requests += result.requests();
        return result;
    }

    private Map<String, Duration> snapshot() {
        Map<String, Duration> now = new LinkedHashMap<>();
        processes.forEach((name, cpu) -> now.put(name, cpu.map(ProcessCpu::used).orElse(Duration.ZERO)));
        return now;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        spent.forEach((name, cpu) -> text.append(text.isEmpty() ? "" : ", ").append(name)
                .append(String.format(" %.2f ms", requests == 0 ? 0 : cpu.toNanos() / 1e6 / requests)));
        return text.toString();
    }
}

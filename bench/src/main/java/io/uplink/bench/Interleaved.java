package io.uplink.bench;

import java.io.PrintStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Plain warmup-then-measure loop for a figure and its baseline. Measured rounds alternate (figure, baseline,
 * figure, …) so that drift on a shared machine (other processes, GC, CPU frequency) hits both alike; the result is
 * the median round, which a single hiccup does not move.
 */
public final class Interleaved {

    /** One round of work; returns how many operations it did. */
    @FunctionalInterface
    public interface Round {
        long run() throws Exception;
    }

    private Interleaved() {
    }

    /**
     * Like {@link #throughput}, but warms up until the JIT is quiet instead of for a fixed count: pairs of rounds run
     * until compiling took less than {@code quietShare} of the wall-clock time of the last {@link #QUIET_WINDOW} pairs
     * (at least {@code minWarmupRounds}, at most {@code maxWarmupRounds}). A benchmark JVM holding a Kafka broker,
     * a Spring service and its clients has tens of thousands of methods to compile on one C2 thread: with a fixed short
     * warm-up the compiler was still taking a quarter of the CPU in the measured rounds, so they measured the JIT, not
     * the long-running service. Logs how the warm-up ended and the JIT's share of the measured rounds.
     */
    public static double[] throughputOnceJitQuiet(Round figure, Round baseline, int minWarmupRounds, int maxWarmupRounds,
                                                  double quietShare, int measuredRounds, PrintStream log) throws Exception {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        Deque<long[]> window = new ArrayDeque<>();
        int warmups = 0;
        double share = 1;
        while (warmups < maxWarmupRounds && (warmups < minWarmupRounds || share >= quietShare)) {
            long compiledBefore = jit.getTotalCompilationTime();
            long started = System.nanoTime();
            figure.run();
            baseline.run();
            warmups++;
            window.addLast(new long[]{jit.getTotalCompilationTime() - compiledBefore, (System.nanoTime() - started) / 1_000_000});
            if (window.size() > QUIET_WINDOW) {
                window.removeFirst();
            }
            share = window.size() < QUIET_WINDOW ? 1 : compiledShare(window);
        }
        long compiledBefore = jit.getTotalCompilationTime();
        long started = System.nanoTime();
        double[] rates = throughput(figure, baseline, 0, measuredRounds);
        log.printf("    warm-up: %d round pairs (JIT compiling %.0f %% of the last %d pairs' wall-clock%s); measured rounds:"
                        + " JIT compiling %.0f %% of their wall-clock%n", warmups, share * 100, QUIET_WINDOW,
                share < quietShare ? "" : ", not yet below " + Math.round(quietShare * 100) + " % at the cap",
                100.0 * (jit.getTotalCompilationTime() - compiledBefore) / ((System.nanoTime() - started) / 1e6));
        return rates;
    }

    /** Warm-up pairs over which the JIT's share is judged: single pairs swing with a few large compilations. */
    static final int QUIET_WINDOW = 5;

    private static double compiledShare(Deque<long[]> window) {
        long compiledMillis = 0;
        long wallMillis = 0;
        for (long[] pair : window) {
            compiledMillis += pair[0];
            wallMillis += pair[1];
        }
        return (double) compiledMillis / Math.max(1, wallMillis);
    }

    /** @return operations per second of {figure, baseline}, medians of the measured rounds */
    public static double[] throughput(Round figure, Round baseline, int warmupRounds, int measuredRounds) throws Exception {
        for (int i = 0; i < warmupRounds; i++) {
            figure.run();
            baseline.run();
        }
        double[] figureRates = new double[measuredRounds];
        double[] baselineRates = new double[measuredRounds];
        for (int i = 0; i < measuredRounds; i++) {
            figureRates[i] = rate(figure);
            baselineRates[i] = rate(baseline);
        }
        return new double[]{median(figureRates), median(baselineRates)};
    }

    private static double rate(Round round) throws Exception {
        long start = System.nanoTime();
        long operations = round.run();
        long elapsed = System.nanoTime() - start;
        return operations * 1e9 / Math.max(1, elapsed);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

package io.uplink.bench;

import java.util.Arrays;

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

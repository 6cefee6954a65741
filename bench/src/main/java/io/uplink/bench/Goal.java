package io.uplink.bench;

/**
 * What a benchmark aims for, stated against what the same run measured (its baseline, or a floor the machine
 * allows), and whether this run met it.
 */
public record Goal(String text, boolean met) {

    /** The figure at least {@code share} of its baseline (rates: higher is better). */
    public static Goal ratioAtLeast(double share, Comparison comparison) {
        return new Goal(String.format("≥ %.2f of the baseline", share), comparison.ratio() >= share);
    }

    /** The figure at most {@code times} its baseline (latencies: lower is better). */
    public static Goal ratioAtMost(double times, Comparison comparison) {
        return new Goal(String.format("≤ %.2f× the baseline", times), comparison.ratio() <= times);
    }

    public String verdict() {
        return text + ": " + (met ? "met" : "not met");
    }
}

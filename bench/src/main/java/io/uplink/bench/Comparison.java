package io.uplink.bench;

/**
 * A figure beside its baseline. The ratio is figure / baseline; with {@code higherIsBetter} false (latencies) a
 * ratio above 1 means the figure is slower than the baseline.
 */
public record Comparison(Measurement figure, Measurement baseline, boolean higherIsBetter) {

    public Comparison {
        if (!figure.unit().equals(baseline.unit())) {
            throw new IllegalArgumentException("figure and baseline must share a unit: " + figure.unit() + " vs " + baseline.unit());
        }
    }

    public double ratio() {
        return figure.value() / baseline.value();
    }
}

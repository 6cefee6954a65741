package io.uplink.bench;

/**
 * A figure beside its baseline. The ratio is figure / baseline; with {@code higherIsBetter} false (latencies) a
 * ratio above 1 means the figure is slower than the baseline. The goal, when the benchmark has one, is judged by the
 * benchmark itself, which knows what else the run measured (a floor, a second percentile). {@code whereTheTimeGoes}
 * is one line from what else the benchmark measured in the same rounds (CPU per operation by process, stage lags),
 * printed under the table.
 */
public record Comparison(Measurement figure, Measurement baseline, boolean higherIsBetter, Goal goal,
                         String whereTheTimeGoes) {

    public Comparison(Measurement figure, Measurement baseline, boolean higherIsBetter) {
        this(figure, baseline, higherIsBetter, null, null);
    }

    public Comparison {
        if (!figure.unit().equals(baseline.unit())) {
            throw new IllegalArgumentException("figure and baseline must share a unit: " + figure.unit() + " vs " + baseline.unit());
        }
    }

    public double ratio() {
        return figure.value() / baseline.value();
    }

    public Comparison withGoal(Goal judged) {
        return new Comparison(figure, baseline, higherIsBetter, judged, whereTheTimeGoes);
    }

    public Comparison whereTheTimeGoes(String line) {
        return new Comparison(figure, baseline, higherIsBetter, goal, line);
    }
}

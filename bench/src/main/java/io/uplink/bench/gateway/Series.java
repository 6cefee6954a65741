package io.uplink.bench.gateway;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The measured rounds of one side; each figure is the median over rounds, which a single hiccup does not move. */
final class Series {

    private final List<RoundResult> rounds = new ArrayList<>();

    RoundResult add(RoundResult round) {
        rounds.add(round);
        return round;
    }

    double perSecond() {
        return median(RoundResult::perSecond);
    }

    double p50() {
        return median(RoundResult::p50Millis);
    }

    double p99() {
        return median(RoundResult::p99Millis);
    }

    private double median(ToDoubleFunction<RoundResult> figure) {
        double[] sorted = rounds.stream().mapToDouble(figure).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

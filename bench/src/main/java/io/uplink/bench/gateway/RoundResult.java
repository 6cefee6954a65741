package io.uplink.bench.gateway;

import java.util.Arrays;
import java.util.List;

/** One round of load: how many requests completed per second and the latency percentiles, in milliseconds. */
record RoundResult(long requests, double perSecond, double p50Millis, double p99Millis) {

    static RoundResult of(List<long[]> latenciesPerClient, long elapsedNanos) {
        long[] all = latenciesPerClient.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        if (all.length == 0) {
            throw new IllegalStateException("no request completed in the round");
        }
        return new RoundResult(all.length, all.length * 1e9 / elapsedNanos, percentile(all, 0.50), percentile(all, 0.99));
    }

    /** Nearest-rank percentile of sorted nanosecond values, in milliseconds. */
    static double percentile(long[] sorted, double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }
}

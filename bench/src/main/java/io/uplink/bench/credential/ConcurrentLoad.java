package io.uplink.bench.credential;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

/** {@code clients} closed-loop clients, each sending its next request as soon as the previous one answered. */
final class ConcurrentLoad {

    /** Requests per second, latency percentiles in milliseconds, and how many answers had the wrong status. */
    record Result(double rate, double p50Millis, double p99Millis, long failures, long requests) {
    }

    private final HttpClient http;
    private final int clients;

    ConcurrentLoad(HttpClient http, int clients) {
        this.http = http;
        this.clients = clients;
    }

    /** @param request the request client {@code i} sends; any status but {@code expectedStatus} counts as a failure */
    Result run(IntFunction<HttpRequest> request, int expectedStatus, Duration duration) throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        return run(request, expectedStatus, () -> System.nanoTime() < end);
    }

    /** Like {@link #run}, but the clients stop once {@code requests} requests have been sent between them. */
    Result runRequests(IntFunction<HttpRequest> request, int expectedStatus, long requests) throws Exception {
        AtomicLong sent = new AtomicLong();
        return run(request, expectedStatus, () -> sent.incrementAndGet() <= requests);
    }

    private Result run(IntFunction<HttpRequest> request, int expectedStatus, BooleanSupplier sendAnother) throws Exception {
        AtomicLong failures = new AtomicLong();
        List<Future<long[]>> results = new ArrayList<>();
        long start = System.nanoTime();
        ExecutorService executor = Executors.newFixedThreadPool(clients);
        try {
            for (int c = 0; c < clients; c++) {
                int client = c;
                results.add(executor.submit(() -> {
                    long[] latencies = new long[1024];
                    int count = 0;
                    while (sendAnother.getAsBoolean()) {
                        long sent = System.nanoTime();
                        HttpResponse<Void> response = http.send(request.apply(client), HttpResponse.BodyHandlers.discarding());
                        long took = System.nanoTime() - sent;
                        if (response.statusCode() != expectedStatus) {
                            failures.incrementAndGet();
                        }
                        if (count == latencies.length) {
                            latencies = Arrays.copyOf(latencies, count * 2);
                        }
                        latencies[count++] = took;
                    }
                    return Arrays.copyOf(latencies, count);
                }));
            }
            for (Future<long[]> result : results) {
                join(result);
            }
        } finally {
            executor.shutdown();
        }
        long elapsed = System.nanoTime() - start;
        long[] all = results.stream().map(ConcurrentLoad::join).flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(all.length * 1e9 / elapsed, percentile(all, 0.50), percentile(all, 0.99), failures.get(), all.length);
    }

    private static long[] join(Future<long[]> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException("a load client failed", e);
        }
    }

    private static double percentile(long[] sortedNanos, double quantile) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(quantile * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, index)] / 1e6;
    }
}

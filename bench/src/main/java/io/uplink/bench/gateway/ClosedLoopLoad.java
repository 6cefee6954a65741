package io.uplink.bench.gateway;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * A fixed number of clients, each sending its next request as soon as the previous answer arrived, for a fixed
 * time; every answer must be the expected status, otherwise the round fails (a 429 or 503 would make either side
 * look faster than it is). One executor and one HTTP client serve both sides of the comparison.
 */
final class ClosedLoopLoad implements AutoCloseable {

    private final HttpClient client;
    private final int clients;
    private final ExecutorService executor;

    ClosedLoopLoad(HttpClient client, int clients) {
        this.client = client;
        this.clients = clients;
        this.executor = Executors.newFixedThreadPool(clients, runnable -> {
            Thread thread = new Thread(runnable, "bench-client");
            thread.setDaemon(true);
            return thread;
        });
    }

    int clients() {
        return clients;
    }

    RoundResult run(Supplier<HttpRequest> requests, int expectedStatus, long durationMillis) throws Exception {
        long start = System.nanoTime();
        long deadline = start + durationMillis * 1_000_000;
        List<Future<long[]>> perClient = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            perClient.add(executor.submit(() -> {
                long[] latencies = new long[1024];
                int count = 0;
                while (System.nanoTime() < deadline) {
                    HttpRequest request = requests.get();
                    long sent = System.nanoTime();
                    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                    long took = System.nanoTime() - sent;
                    if (response.statusCode() != expectedStatus) {
                        throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                                + response.statusCode() + " (expected " + expectedStatus + "): " + response.body());
                    }
                    if (count == latencies.length) {
                        latencies = java.util.Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = took;
                }
                return java.util.Arrays.copyOf(latencies, count);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> future : perClient) {
            all.add(future.get());
        }
        long elapsed = System.nanoTime() - start;
        return RoundResult.of(all, elapsed);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}

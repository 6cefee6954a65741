package io.uplink.localstack.launch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Waits until a service answers 200 on its readiness probe, it dies, or time runs out. */
public final class ReadinessProbe {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * @param alive checked between polls, so a service that crashed during start fails the wait at once
     * @throws ServiceStartException when it does not become ready
     */
    public Duration awaitReady(String name, URI readiness, BooleanSupplier alive, Duration timeout) {
        Instant start = Instant.now();
        Instant deadline = start.plus(timeout);
        String lastAnswer = "no answer yet";
        while (Instant.now().isBefore(deadline)) {
            if (!alive.getAsBoolean()) {
                throw new ServiceStartException(name + " exited before it became ready");
            }
            try {
                HttpResponse<String> response = client.send(
                        HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return Duration.between(start, Instant.now());
                }
                lastAnswer = "HTTP " + response.statusCode() + " " + response.body();
            } catch (IOException e) {
                lastAnswer = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceStartException("interrupted while waiting for " + name);
            }
            sleep(POLL_INTERVAL);
        }
        throw new ServiceStartException(name + " was not ready after " + timeout.toSeconds() + " s at " + readiness
                + " (last answer: " + lastAnswer + ")");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceStartException("interrupted");
        }
    }

    /** A service did not come up; the message says which and why. */
    public static final class ServiceStartException extends RuntimeException {

        public ServiceStartException(String message) {
            super(message);
        }
    }
}

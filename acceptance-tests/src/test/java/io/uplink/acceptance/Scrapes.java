package io.uplink.acceptance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** What a service instance's {@code /actuator/prometheus} answers, as Prometheus scrapes it. */
final class Scrapes {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Scrapes() {
    }

    /** The text format Prometheus reads by default. */
    static String text(String baseUrl) {
        return scrape(baseUrl, "text/plain; version=0.0.4");
    }

    /** OpenMetrics, the format that carries exemplars. */
    static String openMetrics(String baseUrl) {
        return scrape(baseUrl, "application/openmetrics-text; version=1.0.0");
    }

    private static String scrape(String baseUrl, String accept) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(20)).header("Accept", accept).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError(baseUrl + "/actuator/prometheus answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new AssertionError("could not scrape " + baseUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted scraping " + baseUrl, e);
        }
    }
}

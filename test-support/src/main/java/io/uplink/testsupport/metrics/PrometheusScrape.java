package io.uplink.testsupport.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * What a service instance's {@code /actuator/prometheus} answers, as Prometheus scrapes it, and the sum of one
 * metric's samples in it: the one way tests and benchmarks read a service's own metrics.
 */
public final class PrometheusScrape {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** The text format Prometheus reads by default. */
    private static final String TEXT_FORMAT = "text/plain; version=0.0.4";

    private final String exposition;

    private PrometheusScrape(String exposition) {
        this.exposition = exposition;
    }

    /** An exposition already read. */
    static PrometheusScrape of(String exposition) {
        return new PrometheusScrape(exposition);
    }

    /** The text format Prometheus reads by default, of the instance at {@code baseUrl}. */
    public static PrometheusScrape text(String baseUrl) {
        return new PrometheusScrape(scrape(baseUrl, TEXT_FORMAT));
    }

    /** OpenMetrics, the format that carries exemplars. */
    public static PrometheusScrape openMetrics(String baseUrl) {
        return new PrometheusScrape(scrape(baseUrl, "application/openmetrics-text; version=1.0.0"));
    }

    /** The text format of every instance listed, one after the other (their samples add up in {@link #sum}). */
    public static PrometheusScrape textOfAll(List<String> baseUrls) {
        StringBuilder all = new StringBuilder();
        baseUrls.forEach(baseUrl -> all.append(scrape(baseUrl, TEXT_FORMAT)).append('\n'));
        return new PrometheusScrape(all.toString());
    }

    /** The exposition's lines, as scraped. */
    public List<String> lines() {
        return exposition.lines().toList();
    }

    /**
     * The sum of the samples of {@code metric} (its exact name, e.g. {@code uplink_webhook_deliveries_total} or a
     * histogram's {@code _sum}) whose labels contain each of {@code labels} (pairs such as {@code status="delivered"}).
     */
    public double sum(String metric, String... labels) {
        double total = 0;
        for (String line : exposition.split("\n")) {
            if (!line.startsWith(metric + "{") && !line.startsWith(metric + " ")) {
                continue;
            }
            int seriesEnd = line.startsWith(metric + "{") ? labelsEnd(line, metric.length()) : metric.length();
            String series = line.substring(0, seriesEnd);
            // the value is the first field after the series (a timestamp or an exemplar may follow it)
            String value = line.substring(seriesEnd).strip().split(" ", 2)[0];
            if (List.of(labels).stream().allMatch(label -> hasLabel(series, label))) {
                total += parseValue(value);
            }
        }
        return total;
    }

    /** Whether the series carries the label pair, as a whole pair ({@code status="200"} is not in {@code http_status="200"}). */
    private static boolean hasLabel(String series, String label) {
        return series.contains("{" + label) || series.contains("," + label);
    }

    /** A sample value; Prometheus writes infinities as {@code +Inf} and {@code -Inf}. */
    private static double parseValue(String value) {
        return switch (value) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(value);
        };
    }

    /** Just past the {@code '}'} closing the label set opened at {@code open}; label values may hold braces. */
    private static int labelsEnd(String line, int open) {
        boolean quoted = false;
        for (int i = open + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '}' && !quoted) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("unclosed label set: " + line);
    }

    private static String scrape(String baseUrl, String accept) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(20)).header("Accept", accept).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(baseUrl + "/actuator/prometheus answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("could not scrape " + baseUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted scraping " + baseUrl, e);
        }
    }
}

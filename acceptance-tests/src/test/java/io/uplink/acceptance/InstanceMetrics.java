package io.uplink.acceptance;

import io.uplink.localstack.LocalStack;
import io.uplink.testsupport.metrics.PrometheusScrape;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One counter of every instance of a service, read from each instance's Prometheus endpoint: which instance did how
 * much of the work. Counters start at zero when an instance starts, so a scenario compares readings it took itself.
 */
final class InstanceMetrics {

    private InstanceMetrics() {
    }

    /**
     * @param metric the Prometheus name, e.g. {@code uplink_webhook_deliveries_total}
     * @param labels label pairs each counted sample must carry, e.g. {@code status="delivered"}
     * @return the sum of the matching samples per instance name, in the suite's order
     */
    static Map<String, Double> read(LocalStack suite, String module, String metric, String... labels) {
        Map<String, Double> perInstance = new LinkedHashMap<>();
        for (String instance : suite.instancesOf(module)) {
            perInstance.put(instance, PrometheusScrape.text(suite.serviceUrl(instance)).sum(metric, labels));
        }
        return perInstance;
    }

    /** What each instance added between two readings. */
    static Map<String, Long> since(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Long> added = new LinkedHashMap<>();
        after.forEach((instance, value) -> added.put(instance, Math.round(value - before.getOrDefault(instance, 0.0))));
        return added;
    }
}

package io.uplink.console.status;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One service instance the status page checks: a name people recognise and the base URL its actuator answers on.
 *
 * @param baseUrl without a trailing slash; {@code /actuator/health} is appended
 */
public record ServiceInstance(String name, URI baseUrl) {

    /** Reads {@code name=http://host:port} entries, in order; a malformed or repeated one stops the start-up. */
    static List<ServiceInstance> parseAll(List<String> entries) {
        Set<String> names = new HashSet<>();
        List<ServiceInstance> instances = entries.stream().map(String::trim).filter(entry -> !entry.isEmpty())
                .map(ServiceInstance::parse).toList();
        for (ServiceInstance instance : instances) {
            if (!names.add(instance.name())) {
                throw new IllegalArgumentException("uplink.console.instances names '" + instance.name() + "' twice");
            }
        }
        return instances;
    }

    static ServiceInstance parse(String entry) {
        int separator = entry.indexOf('=');
        String name = separator < 0 ? "" : entry.substring(0, separator).trim();
        String url = separator < 0 ? "" : entry.substring(separator + 1).trim();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        if (name.isEmpty() || url.isEmpty()) {
            throw invalid(entry);
        }
        URI baseUrl;
        try {
            baseUrl = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw invalid(entry);
        }
        if (!("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme())) || baseUrl.getHost() == null) {
            throw invalid(entry);
        }
        return new ServiceInstance(name, baseUrl);
    }

    URI healthUrl() {
        return URI.create(baseUrl + "/actuator/health");
    }

    private static IllegalArgumentException invalid(String entry) {
        return new IllegalArgumentException(
                "uplink.console.instances entry '" + entry + "' is not name=http://host:port");
    }
}

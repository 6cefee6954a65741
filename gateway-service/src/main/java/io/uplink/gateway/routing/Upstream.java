package io.uplink.gateway.routing;

import java.net.URI;

/**
 * The services behind the gateway that run as several instances, each reached through the gateway's load balancer
 * ({@code lb://<service id>}), which picks among the instances configured for it that pass their health checks.
 */
public enum Upstream {

    CREDENTIAL("credential-service"),
    METADATA("metadata-service"),
    CALLBACK("callback-service");

    private final String serviceId;

    Upstream(String serviceId) {
        this.serviceId = serviceId;
    }

    public String serviceId() {
        return serviceId;
    }

    /** The URI a route or a load-balanced client uses to reach some healthy instance. */
    public URI loadBalanced() {
        return URI.create("lb://" + serviceId);
    }

    public static Upstream ofServiceId(String serviceId) {
        for (Upstream upstream : values()) {
            if (upstream.serviceId.equals(serviceId)) {
                return upstream;
            }
        }
        throw new IllegalArgumentException("no upstream with service id '" + serviceId + "'");
    }
}

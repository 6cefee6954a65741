package io.uplink.gateway.loadbalancing;

import org.springframework.stereotype.Component;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Instances that just refused a connection, kept out of rotation for a while. Health checks notice a dead
 * instance within their interval; this closes the gap in between, so a retry lands on a live instance instead of
 * the same dead one again.
 */
@Component
public class InstanceEjections {

    private final ConcurrentHashMap<String, Long> ejectedUntilNanos = new ConcurrentHashMap<>();
    private final LoadBalancingProperties properties;

    public InstanceEjections(LoadBalancingProperties properties) {
        this.properties = properties;
    }

    public void eject(String host, int port) {
        ejectedUntilNanos.put(host + ":" + port, System.nanoTime() + properties.ejectionTime().toNanos());
    }

    public boolean isEjected(String host, int port) {
        Long until = ejectedUntilNanos.get(host + ":" + port);
        if (until == null) {
            return false;
        }
        if (until - System.nanoTime() > 0) {
            return true;
        }
        ejectedUntilNanos.remove(host + ":" + port, until);
        return false;
    }
}

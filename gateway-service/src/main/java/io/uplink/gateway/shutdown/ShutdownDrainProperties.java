package io.uplink.gateway.shutdown;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param drainTime how long a stopping gateway keeps serving with readiness down before it stops accepting
 *                  connections: long enough for the load balancer in front of it to probe it once more (in Kubernetes
 *                  the preStop sleep before it covers the propagation of endpoint removal)
 */
@ConfigurationProperties("uplink.gateway.shutdown")
public record ShutdownDrainProperties(@DefaultValue("3s") Duration drainTime) {
}

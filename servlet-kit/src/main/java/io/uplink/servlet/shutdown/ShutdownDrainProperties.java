package io.uplink.servlet.shutdown;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param drainTime how long a stopping service keeps serving with readiness down before it stops accepting
 *                  connections: longer than the gateway's probe interval (1 s) plus a probe's answer, so the gateway
 *                  has taken the instance out of rotation by then (in Kubernetes the preStop sleep before it covers the slower
 *                  propagation of endpoint removal to kube-proxy and ingresses)
 */
@ConfigurationProperties("uplink.shutdown")
public record ShutdownDrainProperties(@DefaultValue("3s") Duration drainTime) {
}

package io.uplink.credential.reconcile;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "uplink.credential.reconciler.enabled", matchIfMissing = true)
class SchedulingConfiguration {
}

package io.uplink.metadata.quarantine;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs the {@link QuarantineSweeper} on Spring's scheduler. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class QuarantineSchedulingConfiguration {
}

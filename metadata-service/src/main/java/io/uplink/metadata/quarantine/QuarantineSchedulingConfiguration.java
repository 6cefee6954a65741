package io.uplink.metadata.quarantine;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs the sweepers ({@link QuarantineSweeper}, the scan sweeper) on Spring's scheduler. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class QuarantineSchedulingConfiguration {
}

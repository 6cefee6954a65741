package io.uplink.credential.reconcile;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param interval pause between runs
 * @param grace how long a session is left to its client's own complete call before the reconciler looks
 * @param batchSize sessions read per query
 */
@ConfigurationProperties("uplink.credential.reconciler")
public record ReconcilerProperties(@DefaultValue("true") boolean enabled, @DefaultValue("60s") Duration interval,
                                   @DefaultValue("2m") Duration grace, @DefaultValue("200") int batchSize) {
}

package io.uplink.callback.fanout;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param databaseRetryInitialInterval first pause before a record whose fan-out failed on the database is retried
 * @param databaseRetryMaxInterval the pauses grow to this and stay there, without limit: an outage is waited out
 */
@ConfigurationProperties("uplink.callback.fan-out")
public record FanOutProperties(
        @DefaultValue("500ms") Duration databaseRetryInitialInterval,
        @DefaultValue("30s") Duration databaseRetryMaxInterval) {
}

package io.uplink.credential.completion;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param publishTimeout how long a completion waits for Kafka's acknowledgement before answering 503; shorter than the
 *                       gateway's credential route timeout (5 s), so a client behind the gateway gets this 503 with
 *                       Retry-After rather than the gateway's 504 (a Kafka restart otherwise shows 504s at 10 s)
 */
@ConfigurationProperties("uplink.credential.completion")
public record CompletionProperties(@DefaultValue("3s") Duration publishTimeout) {
}

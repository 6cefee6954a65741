package io.uplink.credential.upload;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * @param multipartThreshold uploads above this size default to MULTIPART when the client names no method
 * @param publishTimeout how long a completion waits for Kafka's acknowledgement before answering 503; shorter than the
 *                       gateway's credential route timeout (5 s), so a client behind the gateway gets this 503 with
 *                       Retry-After rather than the gateway's 504 (the Kafka-restart scenario saw 504s at 10 s)
 */
@ConfigurationProperties("uplink.uploads")
public record UploadProperties(@DefaultValue("64MB") DataSize multipartThreshold,
                               @DefaultValue("3s") Duration publishTimeout) {
}

package io.uplink.credential.upload;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * @param multipartThreshold uploads above this size default to MULTIPART when the client names no method
 * @param publishTimeout how long a completion waits for Kafka's acknowledgement before answering 503
 */
@ConfigurationProperties("uplink.uploads")
public record UploadProperties(@DefaultValue("64MB") DataSize multipartThreshold,
                               @DefaultValue("10s") Duration publishTimeout) {
}

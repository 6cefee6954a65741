package io.uplink.credential.upload;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param multipartThreshold uploads above this size default to MULTIPART when the client names no method
 */
@ConfigurationProperties("uplink.credential.uploads")
public record UploadProperties(@DefaultValue("64MB") DataSize multipartThreshold) {
}

package io.uplink.callback.endpoint;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/** @param overlap how long a rotated-out secret keeps signing beside the new one */
@ConfigurationProperties("uplink.callback.secret-rotation")
public record SecretRotationProperties(@DefaultValue("24h") Duration overlap) {
}

package io.uplink.metadata.apikey;

import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param environment the environment new keys are issued for ({@code upk_<environment>_…}) unless the request names
 *     another; the same {@code UPLINK_ENVIRONMENT} the gateway accepts, so a key issued with defaults works there
 */
@Validated
@ConfigurationProperties("uplink.api-keys")
public record ApiKeyProperties(@Pattern(regexp = "[a-z]{2,16}") String environment) {

    public ApiKeyProperties {
        environment = environment == null || environment.isBlank() ? "local" : environment;
    }
}

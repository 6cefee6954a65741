package io.uplink.metadata.apikey;

import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param environment the environment new keys are issued for ({@code upk_<environment>_…}) unless the request names
 *     another; the same {@code UPLINK_ENVIRONMENT} the gateway accepts, so a key issued with defaults works there
 * @param firstAdminKey an admin key ({@code upk_<environment>_<32 base62>}) registered at start while no admin key
 *     has ever been registered: the first way in without an external identity provider. Once any admin key exists
 *     it is ignored, so rotating or revoking it sticks across restarts.
 */
@Validated
@ConfigurationProperties("uplink.metadata.api-keys")
public record ApiKeyProperties(@Pattern(regexp = "[a-z]{2,16}") String environment, String firstAdminKey) {

    public ApiKeyProperties {
        environment = environment == null || environment.isBlank() ? "local" : environment;
        firstAdminKey = firstAdminKey == null || firstAdminKey.isBlank() ? null : firstAdminKey.trim();
    }
}

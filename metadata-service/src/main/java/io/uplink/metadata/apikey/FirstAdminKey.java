package io.uplink.metadata.apikey;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Registers {@code uplink.metadata.api-keys.first-admin-key} at start while no admin key was ever registered: the way in
 * for the first operator, before any identity provider or tenant exists. The key itself is never logged.
 */
@Component
class FirstAdminKey implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdminKey.class);
    static final String LABEL = "first admin";

    private final AdminKeys keys;
    private final ApiKeyProperties properties;

    FirstAdminKey(AdminKeys keys, ApiKeyProperties properties) {
        this.keys = keys;
        this.properties = properties;
        String key = properties.firstAdminKey();
        if (key != null && !ApiKeyGenerator.isWellFormed(key, properties.environment())) {
            // refused at start: a typo would otherwise leave the installation without a way in
            throw new IllegalStateException("uplink.metadata.api-keys.first-admin-key (UPLINK_FIRST_ADMIN_KEY) must look like upk_"
                    + properties.environment() + "_ followed by 32 letters and digits");
        }
    }

    @Override
    public void run(ApplicationArguments args) {
        String key = properties.firstAdminKey();
        if (key != null && keys.registerIfNoneEver(ApiKeyGenerator.newKeyId(), key, LABEL)) {
            log.info("registered the first admin key ({}…)", ApiKeyGenerator.displayPrefix(key));
        }
    }
}

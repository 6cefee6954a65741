package io.uplink.credential.storage;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    @Bean
    StorageTargets storageTargets(StorageProperties storage, StorageClientProperties tuning) {
        return StorageTargets.from(storage, tuning);
    }
}

package io.uplink.metadata.scanner;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Optional;

/** The scanner, when one is configured (no tenant's uploads are held otherwise). */
@Configuration(proxyBeanMethods = false)
class ScannerConfiguration {

    @Bean
    Scanners scanners(ScannerProperties properties) {
        ClamdProperties clamd = properties.clamd();
        return new Scanners(clamd.configured() ? Optional.of(new ClamdScanner(clamd)) : Optional.empty());
    }
}

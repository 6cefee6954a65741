package io.uplink.servlet.kafka;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** The {@code kafka} health contributor; a service imports it and lists {@code kafka} in its readiness group. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KafkaHealthProperties.class)
public class KafkaHealthConfiguration {

    @Bean("kafka")
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin, KafkaHealthProperties properties) {
        return new KafkaHealthIndicator(kafkaAdmin.getConfigurationProperties(), properties.timeout());
    }
}

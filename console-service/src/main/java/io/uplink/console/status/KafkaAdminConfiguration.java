package io.uplink.console.status;

import io.uplink.console.ConsoleProperties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;

/** The one Kafka admin client of the status page, when a cluster is configured; closed when the console stops. */
@Configuration(proxyBeanMethods = false)
class KafkaAdminConfiguration {

    static final int TIMEOUT_MS = 3000;

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("!'${uplink.console.kafka-bootstrap:}'.isBlank()")
    Admin statusKafkaAdmin(ConsoleProperties properties) {
        return Admin.create(Map.<String, Object>of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafkaBootstrap(),
                AdminClientConfig.CLIENT_ID_CONFIG, "uplink-console-status",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS,
                // a cluster that is down is retried calmly instead of flooding the log
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 10_000));
    }
}

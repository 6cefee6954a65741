package io.uplink.servlet.kafka;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Up when the cluster answers a DescribeCluster within the timeout. Boot 4 ships no Kafka health indicator, and
 * readiness must show whether events can flow.
 */
public class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

    private final AdminClient admin;
    private final int timeoutMs;

    /** @param adminConfig the service's Kafka admin settings (bootstrap servers, security); the timeout wins */
    public KafkaHealthIndicator(Map<String, Object> adminConfig, Duration timeout) {
        super("Kafka DescribeCluster failed");
        this.timeoutMs = Math.toIntExact(timeout.toMillis());
        Map<String, Object> config = new HashMap<>(adminConfig);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        this.admin = AdminClient.create(config);
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs));
        String clusterId = cluster.clusterId().get(timeoutMs, TimeUnit.MILLISECONDS);
        int brokers = cluster.nodes().get(timeoutMs, TimeUnit.MILLISECONDS).size();
        builder.up().withDetail("clusterId", clusterId).withDetail("brokers", brokers);
    }

    @Override
    public void destroy() {
        admin.close(Duration.ofSeconds(2));
    }
}

package io.uplink.console.status;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class InstanceHealthTest {

    private static final ServiceInstance METADATA = new ServiceInstance("metadata", URI.create("http://127.0.0.1:8083"));
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void readsTheStatusEachComponentAndTheOutboxRelaysDetails() {
        InstanceHealth health = InstanceHealth.of(METADATA, json.readTree("""
                {"status":"DOWN","components":{
                  "db":{"status":"UP","details":{"database":"PostgreSQL"}},
                  "kafka":{"status":"DOWN"},
                  "outboxRelay":{"status":"UP","details":{"name":"uplink-outbox","role":"leader"}}}}"""));

        assertThat(health.status()).isEqualTo("DOWN");
        assertThat(health.badge()).isEqualTo("down");
        assertThat(health.components()).containsExactly(new ComponentHealth("db", "UP"),
                new ComponentHealth("kafka", "DOWN"), new ComponentHealth("outboxRelay", "UP"));
        assertThat(health.outboxRelay()).containsEntry("role", "leader").containsEntry("name", "uplink-outbox")
                .containsEntry("status", "UP");
        assertThat(health.leadsOutboxRelay()).isTrue();
        assertThat(health.problem()).isNull();
    }

    @Test
    void aStandbyDoesNotLeadAndAnInstanceWithoutRelayHasNoRelayDetails() {
        assertThat(InstanceHealth.of(METADATA, json.readTree("""
                {"status":"UP","components":{"outboxRelay":{"status":"UP","details":{"role":"standby"}}}}""")).leadsOutboxRelay())
                .isFalse();
        InstanceHealth gateway = InstanceHealth.of(METADATA, json.readTree("{\"status\":\"UP\"}"));
        assertThat(gateway.outboxRelay()).isEmpty();
        assertThat(gateway.components()).isEmpty();
    }

    @Test
    void anAnswerWithoutStatusIsUnknown() {
        InstanceHealth health = InstanceHealth.of(METADATA, json.readTree("{\"error\":\"Not Found\"}"));

        assertThat(health.status()).isEqualTo("UNKNOWN");
        assertThat(health.problem()).isNotBlank();
        assertThat(HealthStatus.badge("OUT_OF_SERVICE")).isEqualTo("out-of-service");
    }
}

package io.uplink.metadata;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@MetadataServiceTest
class ActuatorTest {

    @Autowired
    MockMvc mvc;

    @Test
    void readinessReflectsDatabaseKafkaAndTheOutboxRelay() throws Exception {
        mvc.perform(get("/actuator/health/readiness"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components.db.status").value("UP"))
                .andExpect(jsonPath("$.components.kafka.status").value("UP"))
                .andExpect(jsonPath("$.components.outboxRelay.status").value("UP"))
                .andExpect(jsonPath("$.components.outboxRelay.details.role").exists())
                .andExpect(jsonPath("$.components.outboxSlot").doesNotExist());
    }

    @Test
    void healthShowsTheWalTheRelaysSlotHoldsBackOutsideReadiness() throws Exception {
        mvc.perform(get("/actuator/health"))
                .andExpect(jsonPath("$.components.outboxSlot.status").value("UP"))
                .andExpect(jsonPath("$.components.outboxSlot.details.retainedWalBytes").isNumber())
                .andExpect(jsonPath("$.components.outboxSlot.details.walStatus").exists());
    }

    @Test
    void exposesIngestRelayAndConsumerLagMetricsForPrometheus() throws Exception {
        mvc.perform(get("/actuator/prometheus"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("uplink_metadata_ingest_batch_seconds")))
                .andExpect(content().string(containsString("uplink_metadata_outbox_relayed_total")))
                .andExpect(content().string(containsString("uplink_metadata_outbox_slot_retained_wal_bytes")))
                .andExpect(content().string(containsString("kafka_consumer_fetch_manager_records_lag_max")));
    }

    @Test
    void publishesItsOpenApiDocument() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.openapi").exists());
    }
}

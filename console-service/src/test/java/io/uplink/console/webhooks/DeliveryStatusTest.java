package io.uplink.console.webhooks;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryStatusTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void oneFailureAmongSuccessesShowsAsFailedWithHowMany() {
        DeliveryStatus status = DeliveryStatus.of(deliveries("succeeded", "failed", "succeeded"));

        assertThat(status.state()).isEqualTo("failed");
        assertThat(status.text()).isEqualTo("failed (1 of 3)");
    }

    @Test
    void pendingWorkShowsUntilEveryDeliveryIsDone() {
        assertThat(DeliveryStatus.of(deliveries("succeeded", "pending")).text()).isEqualTo("pending (1 of 2)");
        assertThat(DeliveryStatus.of(deliveries("succeeded", "succeeded")).text()).isEqualTo("succeeded");
        assertThat(DeliveryStatus.of(deliveries("failed")).text()).isEqualTo("failed");
    }

    @Test
    void aMessageNoEndpointReceivedSaysSo() {
        DeliveryStatus status = DeliveryStatus.of(deliveries());

        assertThat(status.state()).isEqualTo("none");
        assertThat(status.total()).isZero();
        assertThat(status.text()).isEqualTo("no endpoint");
        assertThat(DeliveryStatus.of(null).total()).isZero();
    }

    private static JsonNode deliveries(String... statuses) {
        var array = JSON.createArrayNode();
        for (String status : statuses) {
            array.addObject().put("status", status);
        }
        return array;
    }
}

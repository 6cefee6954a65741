package io.uplink.callback.delivery;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointLinesTest {

    private final UUID endpoint = UUID.randomUUID();
    private final UUID other = UUID.randomUUID();

    @Test
    void aBusyEndpointsDeliveriesWaitInItsLineUpToTwiceItsAttemptsInFlight() {
        EndpointLines lines = new EndpointLines(2);

        for (int i = 0; i < 4; i++) {
            assertThat(lines.join(new Dispatch.Busy(delivery(endpoint)))).as("place %d", i).isTrue();
        }

        assertThat(lines.join(new Dispatch.Busy(delivery(endpoint)))).as("a full line: hand it back").isFalse();
        assertThat(lines.join(new Dispatch.Busy(delivery(other)))).as("each endpoint has its own line").isTrue();
    }

    @Test
    void theLongestWaitingDeliveryGoesNextAndAnEmptyLineIsForgotten() {
        EndpointLines lines = new EndpointLines(8);
        ClaimedDelivery first = delivery(endpoint);
        ClaimedDelivery second = delivery(endpoint);
        lines.join(new Dispatch.Busy(first));
        lines.join(new Dispatch.Busy(second));

        assertThat(lines.next(endpoint)).contains(first);
        assertThat(lines.next(endpoint)).contains(second);
        assertThat(lines.next(endpoint)).isEmpty();
        assertThat(lines.waiting()).isEmpty();
    }

    @Test
    void stoppingTakesEveryWaitingDeliveryOutOfTheLines() {
        EndpointLines lines = new EndpointLines(8);
        lines.join(new Dispatch.Busy(delivery(endpoint)));
        lines.join(new Dispatch.Busy(delivery(other)));

        assertThat(lines.drain()).hasSize(2);
        assertThat(lines.waiting()).isEmpty();
    }

    private static ClaimedDelivery delivery(UUID endpointId) {
        return DeliveryCapacityTest.delivery(endpointId);
    }
}

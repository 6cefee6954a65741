package io.uplink.callback.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointGatesTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void admitsAtMostTheConfiguredAttemptsPerEndpointAtOnce() {
        EndpointGates gates = new EndpointGates(2);
        UUID busy = UUID.randomUUID();
        UUID other = UUID.randomUUID();

        assertThat(gates.tryEnter(busy, null, 0)).isEmpty();
        assertThat(gates.tryEnter(busy, null, 0)).isEmpty();
        assertThat(gates.tryEnter(busy, null, 0)).isPresent();
        assertThat(gates.tryEnter(other, null, 0)).isEmpty();
        assertThat(gates.inFlight()).containsOnly(Map.entry(busy, 2), Map.entry(other, 1));

        gates.leave(busy);
        assertThat(gates.tryEnter(busy, null, 0)).isEmpty();
    }

    @Test
    void honoursTheEndpointRateLimitPerSecond() {
        EndpointGates gates = new EndpointGates(100);
        UUID limited = UUID.randomUUID();

        for (int i = 0; i < 5; i++) {
            assertThat(gates.tryEnter(limited, 5, 0)).isEmpty();
            gates.leave(limited);
        }
        assertThat(gates.tryEnter(limited, 5, 0)).hasValueSatisfying(wait ->
                assertThat(wait).isEqualTo(Duration.ofMillis(200)));
        assertThat(gates.throttled(SECOND / 10)).containsExactly(limited);
        assertThat(gates.throttled(SECOND / 5)).isEmpty();
        assertThat(gates.tryEnter(limited, 5, SECOND / 5)).isEmpty();
    }
}

package io.uplink.service.shutdown;

import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The drain itself, without a web server: readiness goes down first, then the drain time passes, then it stops. */
class ShutdownDrainTest {

    private final List<Object> events = new ArrayList<>();

    @Test
    void stoppingRefusesTrafficAndWaitsTheDrainTime() {
        ShutdownDrain drain = new ShutdownDrain(events::add, Duration.ofMillis(300));
        drain.start();
        assertThat(drain.isRunning()).isTrue();
        assertThat(drain.isDraining()).isFalse();

        long started = System.nanoTime();
        drain.stop();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(events).singleElement().isInstanceOfSatisfying(AvailabilityChangeEvent.class,
                event -> assertThat(event.getState()).isEqualTo(ReadinessState.REFUSING_TRAFFIC));
        assertThat(drain.isDraining()).isTrue();
        assertThat(drain.isRunning()).isFalse();
    }

    @Test
    void aZeroDrainTimeStopsAtOnce() {
        ShutdownDrain drain = new ShutdownDrain(events::add, Duration.ZERO);
        drain.start();
        drain.stop();
        assertThat(drain.isDraining()).isTrue();
        assertThat(drain.isRunning()).isFalse();
    }

    @Test
    void itStopsFirstAndOnlyOnARealStop() {
        ShutdownDrain drain = new ShutdownDrain(events::add, Duration.ZERO);
        assertThat(drain.getPhase()).isEqualTo(Integer.MAX_VALUE);
        assertThat(drain.isPauseable()).isFalse();
    }
}

package io.uplink.service.shutdown;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;

/**
 * The first thing to stop when a service is told to stop (SIGTERM): for its drain time it keeps serving, with
 * readiness refusing traffic so that load balancers (the gateway's probes, a Kubernetes Service, the load balancer in
 * front of the gateway) take the instance out of rotation. Meanwhile each web stack's own filter answers with
 * {@code Connection: close} while {@link #isDraining()}, so that no client keeps a connection the server is about to
 * close. Then the web server's graceful shutdown stops accepting connections and finishes the requests in flight.
 * Without the drain, a request sent on a kept-alive connection just as the server closes it is lost to the client,
 * and a POST cannot safely be retried.
 */
public final class ShutdownDrain implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ShutdownDrain.class);

    private final ApplicationEventPublisher events;
    private final Duration drainTime;
    private volatile boolean running;
    private volatile boolean draining;

    public ShutdownDrain(ApplicationEventPublisher events, Duration drainTime) {
        this.events = events;
        this.drainTime = drainTime;
    }

    public boolean isDraining() {
        return draining;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
        draining = true;
        if (!drainTime.isZero() && !drainTime.isNegative()) {
            log.info("Stopping: serving {} ms more with readiness down and connections closed after each response",
                    drainTime.toMillis());
            try {
                Thread.sleep(drainTime.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Only a real stop drains: a context paused between test classes is not stopping. */
    @Override
    public boolean isPauseable() {
        return false;
    }

    /** Above every other phase, so the drain runs while everything the API needs is still up. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}

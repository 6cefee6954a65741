package io.uplink.gateway.auth;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class AuthenticationFailureLimitMemoryTest {

    private final AtomicLong nanos = new AtomicLong();
    private final AuthenticationFailureLimit limit = new AuthenticationFailureLimit(
            new AuthenticationFailureLimitProperties(2, Duration.ofSeconds(10), 100, List.of()), nanos::get);

    @Test
    void remembersNoMoreClientsThanItsBoundWhateverTheFlood() {
        for (int i = 0; i < 10_000; i++) {
            limit.recordFailure("client-" + i);
        }
        assertThat(limit.clientsRemembered()).isLessThanOrEqualTo(100);
    }

    @Test
    void refillsOneFailurePerWindowShareAndSaysHowLongToWait() {
        limit.recordFailure("c");
        limit.recordFailure("c");
        assertThat(limit.refusal("c")).contains(Duration.ofSeconds(5));

        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(limit.refusal("c")).isEmpty();
    }

    @Test
    void aClientWhoseBudgetHasRefilledIsForgottenFirst() {
        limit.recordFailure("long-ago");
        limit.recordFailure("long-ago");
        nanos.addAndGet(Duration.ofSeconds(10).toNanos());
        for (int i = 0; i < 99; i++) {
            limit.recordFailure("recent-" + i);
            limit.recordFailure("recent-" + i);
        }
        limit.recordFailure("newcomer");

        assertThat(limit.refusal("recent-0")).as("still in debt, still remembered").isPresent();
    }
}

package io.uplink.callback.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RetryScheduleTest {

    private static final List<Duration> PRODUCTION = List.of(Duration.ZERO, Duration.ofSeconds(5),
            Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5),
            Duration.ofHours(10), Duration.ofHours(10));
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void followsTheConfiguredDelaysAndEndsAfterTheLastAttempt() {
        RetrySchedule schedule = new RetrySchedule(PRODUCTION, 0.2, () -> 0.5);

        assertThat(schedule.attempts()).isEqualTo(8);
        assertThat(schedule.nextAttemptAt(1, NOW)).isEqualTo(NOW.plusSeconds(5));
        assertThat(schedule.nextAttemptAt(2, NOW)).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
        assertThat(schedule.nextAttemptAt(7, NOW)).isEqualTo(NOW.plus(Duration.ofHours(10)));
        assertThat(schedule.nextAttemptAt(8, NOW)).isNull();
    }

    @Test
    void spreadsEachDelayByAtMostTheJitterEitherWay() {
        RetrySchedule earliest = new RetrySchedule(PRODUCTION, 0.2, () -> 0.0);
        RetrySchedule latest = new RetrySchedule(PRODUCTION, 0.2, () -> 0.999999);

        assertThat(earliest.nextAttemptAt(2, NOW)).isEqualTo(NOW.plus(Duration.ofMinutes(4)));
        assertThat(Duration.between(NOW, latest.nextAttemptAt(2, NOW)))
                .isLessThanOrEqualTo(Duration.ofMinutes(6)).isGreaterThan(Duration.ofSeconds(359));
    }
}

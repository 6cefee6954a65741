package io.uplink.callback.log;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;

/** Deletes attempts older than {@code uplink.callback.retention.attempts} (default 30 days). */
@Component
class AttemptRetention {

    private static final Logger log = LoggerFactory.getLogger(AttemptRetention.class);

    private final LogRepository repository;
    private final Duration keep;

    AttemptRetention(LogRepository repository, @Value("${uplink.callback.retention.attempts:30d}") Duration keep) {
        this.repository = repository;
        this.keep = keep;
    }

    @Scheduled(fixedDelayString = "${uplink.callback.retention.interval:1h}", initialDelayString = "1m")
    void purge() {
        int deleted = repository.deleteAttemptsBefore(Instant.now().minus(keep));
        if (deleted > 0) {
            log.info("deleted {} attempts older than {}", deleted, keep);
        }
    }
}

package io.uplink.credential.session;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Group commit of new upload sessions ({@link SessionGroupCommit}).
 *
 * @param maxBatch  most sessions one statement inserts
 * @param writers   batches written at the same time (so pooled connections used); while one is in flight the
 *                  next one fills up
 * @param timeout   how long a mint waits for its session to be committed before failing with 503; below the
 *                  gateway's 5 s credential timeout, so the client gets the retryable 503, not a 504
 */
@ConfigurationProperties("uplink.credential.sessions.group-commit")
public record SessionWriteProperties(@DefaultValue("128") int maxBatch,
                                     @DefaultValue("2") int writers,
                                     @DefaultValue("3s") Duration timeout) {
}

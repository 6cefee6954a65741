package io.uplink.credential.reconcile;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.uplink.contracts.UploadSource;
import io.uplink.credential.policy.UploadMethod;
import io.uplink.credential.session.UploadSession;
import io.uplink.credential.session.UploadSessionRepository;
import io.uplink.credential.storage.UnknownStorageTargetException;
import io.uplink.credential.upload.Uploads;
import io.uplink.credential.web.UploadConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Finds uploads whose client never called complete (Uppy single-part uploads, crashed clients): a stored object
 * is verified and published like a client completion (source {@code reconciler}); a session whose credential
 * expired with nothing stored ends as {@code expired}; an abandoned multipart upload is aborted in the store.
 * Replicas may overlap: state changes are conditional and the event id is per upload, so a double publish is a
 * duplicate consumers drop, never a second object.
 */
@Component
@ConditionalOnProperty(name = "uplink.credential.reconciler.enabled", matchIfMissing = true)
public class UploadReconciler {

    private static final Logger log = LoggerFactory.getLogger(UploadReconciler.class);
    private static final Instant EPOCH = Instant.EPOCH;
    private static final UUID FIRST = new UUID(Long.MIN_VALUE, Long.MIN_VALUE);

    private final UploadSessionRepository sessions;
    private final Uploads uploads;
    private final ReconcilerProperties properties;
    private final Clock clock;
    private final Counter failures;

    UploadReconciler(UploadSessionRepository sessions, Uploads uploads,
                     ReconcilerProperties properties, Clock clock, MeterRegistry meters) {
        this.sessions = sessions;
        this.uploads = uploads;
        this.properties = properties;
        this.clock = clock;
        this.failures = Counter.builder("uplink.reconciler.failures")
                .description("Sessions the reconciler could not check in a run (left pending for the next run)")
                .register(meters);
    }

    @Scheduled(fixedDelayString = "${uplink.credential.reconciler.interval:60s}", initialDelayString = "${uplink.credential.reconciler.interval:60s}")
    void scheduledRun() {
        try {
            Result result = reconcile(clock.instant());
            if (result.published() + result.expired() + result.rejected() + result.failed() > 0) {
                log.info("reconciler: {}", result);
            }
        } catch (RuntimeException e) {
            log.warn("reconciler run failed; next run retries", e);
        }
    }

    public Result reconcile(Instant now) {
        int published = 0;
        int expired = 0;
        int rejected = 0;
        int failed = 0;
        Instant afterAt = EPOCH;
        UUID afterId = FIRST;
        List<UploadSession> page;
        do {
            page = sessions.findPending(now.minus(properties.grace()), afterAt, afterId, properties.batchSize());
            for (UploadSession session : page) {
                switch (reconcileOneOf(session, now)) {
                    case PUBLISHED -> published++;
                    case EXPIRED -> expired++;
                    case REJECTED -> rejected++;
                    case FAILED -> failed++;
                    case WAITING -> {
                    }
                }
                afterAt = session.createdAt();
                afterId = session.uploadId();
            }
        } while (page.size() == properties.batchSize());
        return new Result(published, expired, rejected, failed);
    }

    /**
     * A session whose target was removed from the configuration waits (and is logged) until it is back. Any other
     * failure of one session (the store refuses or errs for it, the database hiccups) is logged and counted, and
     * the run goes on with the next session: one bad session must not stall everyone else's uploads.
     */
    private Outcome reconcileOneOf(UploadSession session, Instant now) {
        try {
            return reconcileOne(session, now);
        } catch (UnknownStorageTargetException e) {
            log.warn("reconciler skips upload {}: {}", session.uploadId(), e.getMessage());
            return Outcome.WAITING;
        } catch (RuntimeException e) {
            failures.increment();
            log.warn("reconciler could not check upload {} of tenant {}; next run retries",
                    session.uploadId(), session.tenantId(), e);
            return Outcome.FAILED;
        }
    }

    private Outcome reconcileOne(UploadSession session, Instant now) {
        if (session.method() == UploadMethod.MULTIPART) {
            Outcome completedByClient = publishIfStored(session);
            if (completedByClient != Outcome.WAITING) {
                return completedByClient;
            }
            if (session.expiresAt().isAfter(now)) {
                return Outcome.WAITING;
            }
            return uploads.expire(session, now) ? Outcome.EXPIRED : Outcome.WAITING;
        }
        try {
            uploads.completeFromStore(session, UploadSource.RECONCILER);
            return Outcome.PUBLISHED;
        } catch (UploadConflictException e) {
            if ("object-mismatch".equals(e.rule())) {
                return Outcome.REJECTED;
            }
            if (session.expiresAt().isBefore(now)) {
                return uploads.expire(session, now) ? Outcome.EXPIRED : Outcome.WAITING;
            }
            return Outcome.WAITING;
        }
    }

    /**
     * A client that completes a multipart upload in the store itself (Uppy 6 {@code signRequest}) never calls
     * complete here: the assembled object is verified and published like any other.
     */
    private Outcome publishIfStored(UploadSession session) {
        try {
            uploads.completeFromStore(session, UploadSource.RECONCILER);
            return Outcome.PUBLISHED;
        } catch (UploadConflictException e) {
            return "object-mismatch".equals(e.rule()) ? Outcome.REJECTED : Outcome.WAITING;
        }
    }

    private enum Outcome { PUBLISHED, EXPIRED, REJECTED, FAILED, WAITING }

    /** @param failed sessions whose check threw; they stay pending for the next run */
    public record Result(int published, int expired, int rejected, int failed) {
    }
}

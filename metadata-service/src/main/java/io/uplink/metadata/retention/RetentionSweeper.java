package io.uplink.metadata.retention;

import io.uplink.metadata.file.ExpiredVersions;
import io.uplink.metadata.file.FileRepository;
import io.uplink.metadata.file.StoredObjects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.uplink.metadata.sweep.BacklogSweeper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes what tenants keep only for a while: each sweep claims up to 50 active files older than their tenant's
 * {@code retentionDays} and not under legal hold ({@code FOR UPDATE SKIP LOCKED}: instances share the work), deletes
 * each object in its own store and its copies in others, then marks the file deleted with a {@code file.deleted}, as an API delete does. A
 * delete that fails is tried again ten minutes later, without holding up the others.
 */
@Component
public class RetentionSweeper extends BacklogSweeper {

    private static final Logger log = LoggerFactory.getLogger(RetentionSweeper.class);
    private static final int ROWS_PER_SWEEP = 50;

    private final ExpiredVersions expired;
    private final FileRepository files;
    private final StoredObjects objects;
    private final TransactionTemplate transaction;

    public RetentionSweeper(ExpiredVersions expired, FileRepository files, StoredObjects objects,
                            TransactionTemplate transaction) {
        super(ROWS_PER_SWEEP);
        this.expired = expired;
        this.files = files;
        this.objects = objects;
        this.transaction = transaction;
    }

    @Scheduled(fixedDelayString = "${uplink.metadata.retention.sweep-interval-ms:60000}", initialDelay = 10_000)
    public void sweepRegularly() {
        drain();
    }

    /** @return how many expired files this sweep deleted */
    @Override
    public int sweep() {
        Integer deleted = transaction.execute(status -> {
            int done = 0;
            for (ExpiredVersions.Expired file : expired.claim(ROWS_PER_SWEEP)) {
                try {
                    objects.deleteEverywhere(file.id(), file.storageTarget(), file.bucket(), file.key(),
                            file.versionId());
                    files.markDeleted(file.id());
                    done++;
                } catch (RuntimeException e) {
                    log.warn("Could not delete expired {}/{} (file {}, tenant {}), trying again later: {}",
                            file.bucket(), file.key(), file.id(), file.tenantId(), e.toString());
                    expired.postpone(file.id());
                }
            }
            return done;
        });
        if (deleted != null && deleted > 0) {
            log.info("Retention deleted {} expired files", deleted);
        }
        return deleted == null ? 0 : deleted;
    }
}

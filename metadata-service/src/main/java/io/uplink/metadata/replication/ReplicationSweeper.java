package io.uplink.metadata.replication;

import io.micrometer.core.instrument.MeterRegistry;
import io.uplink.metadata.file.Replicas;
import io.uplink.metadata.storage.ObjectStores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.uplink.metadata.sweep.BacklogSweeper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.InputStream;

/**
 * Copies active files to their tenant's {@code replicateTo} store: each sweep claims a few pending replicas
 * ({@code FOR UPDATE SKIP LOCKED}: instances share the work), streams each object from its store into the other
 * (same key, the replica store's bucket) and records the copy; a copy that fails (either store down, the object
 * gone) is retried after a doubling backoff, without limit, until it is done. Counted in
 * {@code uplink.replication.copies} by {@code outcome}.
 */
@Component
public class ReplicationSweeper extends BacklogSweeper {

    private static final Logger log = LoggerFactory.getLogger(ReplicationSweeper.class);
    private static final int ROWS_PER_SWEEP = 8;

    private final Replicas replicas;
    private final ObjectStores stores;
    private final TransactionTemplate transaction;
    private final MeterRegistry meters;

    public ReplicationSweeper(Replicas replicas, ObjectStores stores, TransactionTemplate transaction,
                              MeterRegistry meters) {
        super(ROWS_PER_SWEEP);
        this.replicas = replicas;
        this.stores = stores;
        this.transaction = transaction;
        this.meters = meters;
    }

    @Scheduled(fixedDelayString = "${uplink.metadata.replication.sweep-interval-ms:1000}")
    public void sweepRegularly() {
        drain();
    }

    /** @return how many replicas this sweep made */
    @Override
    public int sweep() {
        Integer copied = transaction.execute(status -> {
            int done = 0;
            for (Replicas.Due due : replicas.claim(ROWS_PER_SWEEP)) {
                done += copy(due) ? 1 : 0;
            }
            return done;
        });
        return copied == null ? 0 : copied;
    }

    private boolean copy(Replicas.Due due) {
        try {
            String bucket = stores.bucketsByStore().get(due.target());
            if (bucket == null) {
                throw new IllegalStateException("storage target '" + due.target() + "' is not configured here");
            }
            try (InputStream content = stores.named(due.sourceTarget())
                    .read(due.sourceBucket(), due.key(), due.versionId())) {
                stores.named(due.target()).write(bucket, due.key(), content, due.size(), due.contentType());
            }
            replicas.done(due.fileId(), due.target(), bucket);
            meters.counter("uplink.replication.copies", "outcome", "done").increment();
            return true;
        } catch (Exception e) {
            log.warn("Could not copy {}/{} (file {}) to store {}, trying again later: {}", due.sourceBucket(),
                    due.key(), due.fileId(), due.target(), e.toString());
            replicas.postpone(due.fileId(), due.target(), e.toString());
            meters.counter("uplink.replication.copies", "outcome", "failed").increment();
            return false;
        }
    }
}

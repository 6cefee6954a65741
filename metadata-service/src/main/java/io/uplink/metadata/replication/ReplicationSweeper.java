package io.uplink.metadata.replication;

import io.micrometer.core.instrument.MeterRegistry;
import io.uplink.metadata.file.Replicas;
import io.uplink.metadata.storage.ObjectStorage;
import io.uplink.metadata.storage.ObjectStores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.uplink.metadata.sweep.BacklogSweeper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.io.InputStream;
import java.util.Map;

/**
 * Copies active files to their tenant's {@code replicateTo} store: each sweep leases a few pending replicas
 * ({@link Replicas#lease}: instances share the work, and no row stays locked while bytes travel), streams each
 * object from its store into the other (same key, the replica store's bucket, tagged as a copy so that the replica
 * store's own notification of it is not taken for a new file) and records the copy; a copy whose file was deleted
 * meanwhile is removed again. A copy that fails (either store down, the object not there yet) is retried after a
 * doubling backoff, without limit, until it is done. Counted in {@code uplink.replication.copies} by
 * {@code outcome}.
 */
@Component
public class ReplicationSweeper extends BacklogSweeper {

    private static final Logger log = LoggerFactory.getLogger(ReplicationSweeper.class);
    private static final int ROWS_PER_SWEEP = 8;

    private final Replicas replicas;
    private final ObjectStores stores;
    private final MeterRegistry meters;

    public ReplicationSweeper(Replicas replicas, ObjectStores stores, MeterRegistry meters) {
        super(ROWS_PER_SWEEP);
        this.replicas = replicas;
        this.stores = stores;
        this.meters = meters;
    }

    @Scheduled(fixedDelayString = "${uplink.metadata.replication.sweep-interval-ms:1000}")
    public void sweepRegularly() {
        drain();
    }

    /** @return how many replicas this sweep made */
    @Override
    public int sweep() {
        int copied = 0;
        for (Replicas.Due due : replicas.lease(ROWS_PER_SWEEP)) {
            copied += copy(due) ? 1 : 0;
        }
        return copied;
    }

    private boolean copy(Replicas.Due due) {
        try {
            String bucket = stores.bucketsByStore().get(due.target());
            if (bucket == null) {
                throw new IllegalStateException("storage target '" + due.target() + "' is not configured here");
            }
            try (InputStream content = stores.named(due.sourceTarget())
                    .read(due.sourceBucket(), due.key(), due.versionId())) {
                stores.named(due.target()).write(bucket, due.key(), content, due.size(), due.contentType(),
                        Map.of(ObjectStorage.REPLICA_OF, due.fileId().toString()));
            }
            if (!replicas.done(due.fileId(), due.target(), bucket)) {
                stores.named(due.target()).delete(bucket, due.key(), null); // the file went while it was copied
                meters.counter("uplink.replication.copies", "outcome", "dropped").increment();
                return true;
            }
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

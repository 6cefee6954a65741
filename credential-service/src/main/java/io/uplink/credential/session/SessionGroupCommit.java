package io.uplink.credential.session;

import io.uplink.credential.web.ServiceUnavailableException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Records new upload sessions durably before their credential is handed out, several mints per statement. A
 * request queues its session; if fewer than {@code writers} batches are being written, the request itself takes
 * the oldest queued rows and writes them with one statement (it leads the group) until its own row is written;
 * otherwise it waits for a leader to take its row, looking again every 2 ms whether it should lead. Every caller returns only after its own row is committed, or gets an exception and no credential: nothing
 * is fire-and-forget. If a batch fails, each of its sessions is retried alone so one bad row fails only its request.
 *
 * <p>Why: one INSERT per mint made 64 concurrent requests queue for Hikari's connections and pay one round trip
 * each. Leading from request threads (as Postgres's own group commit does) instead of handing rows to a writer
 * thread saves a thread hand-off per batch, which on a CPU-starved machine was most of the wait.
 */
@Component
public class SessionGroupCommit implements DisposableBean {

    private final UploadSessionRepository repository;
    private final SessionWriteProperties properties;
    private final Queue<PendingInsert> queue = new ConcurrentLinkedQueue<>();
    private static final long LEADER_RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final Semaphore leaders;
    private volatile boolean closed;

    SessionGroupCommit(UploadSessionRepository repository, SessionWriteProperties properties) {
        this.repository = repository;
        this.properties = properties;
        this.leaders = new Semaphore(Math.max(1, properties.writers()));
    }

    /**
     * Returns once the session is committed.
     *
     * @throws ServiceUnavailableException when it could not be recorded in time (the caller must not hand out a
     *                                     credential for it)
     * @throws org.springframework.dao.DataAccessException when the database refused the row
     */
    public void insert(UploadSession session) {
        if (closed) {
            throw new ServiceUnavailableException("the service is shutting down", null);
        }
        PendingInsert pending = new PendingInsert(session, new CompletableFuture<>());
        queue.add(pending);
        long deadline = System.nanoTime() + properties.timeout().toNanos();
        try {
            while (!pending.committed().isDone()) {
                if (leaders.tryAcquire()) {
                    try {
                        writeOneBatch();
                    } finally {
                        leaders.release();
                    }
                    continue;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    // The row may still be committed later; it then stays pending and the reconciler expires it.
                    throw new ServiceUnavailableException("the upload session was not recorded within "
                            + properties.timeout(), null);
                }
                // every leader is busy: wait for ours to be taken, and look again shortly in case none takes it
                try {
                    pending.committed().get(Math.min(left, LEADER_RECHECK_NANOS), TimeUnit.NANOSECONDS);
                } catch (TimeoutException notYet) {
                    // loop: lead if a slot is free now
                }
            }
            pending.committed().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new ServiceUnavailableException("the upload session could not be recorded", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("interrupted while recording the upload session", e);
        }
    }

    /** Takes up to {@code maxBatch} queued rows, oldest first, and writes them with one statement. */
    private void writeOneBatch() {
        List<PendingInsert> batch = new ArrayList<>();
        PendingInsert next;
        while (batch.size() < properties.maxBatch() && (next = queue.poll()) != null) {
            batch.add(next);
        }
        if (!batch.isEmpty()) {
            write(batch);
        }
    }

    private void write(List<PendingInsert> batch) {
        try {
            repository.insertAll(batch.stream().map(PendingInsert::session).toList());
            batch.forEach(p -> p.committed().complete(null));
        } catch (RuntimeException | Error batchFailed) {
            if (batch.size() == 1) {
                batch.get(0).committed().completeExceptionally(batchFailed);
                return;
            }
            // The statement is all or nothing: find out which rows fail on their own.
            for (PendingInsert pending : batch) {
                try {
                    repository.insert(pending.session());
                    pending.committed().complete(null);
                } catch (RuntimeException | Error e) {
                    pending.committed().completeExceptionally(e);
                }
            }
        }
    }

    /** Graceful shutdown has let every mint finish; anything still queued now fails rather than waits forever. */
    @Override
    public void destroy() {
        closed = true;
        PendingInsert left;
        while ((left = queue.poll()) != null) {
            left.committed().completeExceptionally(
                    new ServiceUnavailableException("the service shut down before the session was recorded", null));
        }
    }

    private record PendingInsert(UploadSession session, CompletableFuture<Void> committed) {
    }
}

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
import java.util.concurrent.locks.LockSupport;

/**
 * Records new upload sessions durably before their credential is handed out, several mints per statement. A
 * request queues its session; if fewer than {@code writers} batches are being written, the request itself takes
 * the oldest queued rows and writes them with one statement (it leads the group) until its own row is written;
 * otherwise it sleeps until a leader has committed its row (and wakes it) or hands on a free leader slot. Every
 * caller returns only after its own row is committed, or gets an exception and no credential: nothing is
 * fire-and-forget. If a batch fails, each of its sessions is retried alone so one bad row fails only its request.
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
    private static final long SAFETY_RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

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
        PendingInsert pending = new PendingInsert(session, Thread.currentThread());
        queue.add(pending);
        long deadline = System.nanoTime() + properties.timeout().toNanos();
        while (!pending.committed.isDone()) {
            if (leaders.tryAcquire()) {
                pending.leading = true;
                try {
                    writeOneBatch();
                } finally {
                    pending.leading = false;
                    leaders.release();
                    wakeAWaitingRequest();
                }
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                // The row may still be committed later; it then stays pending and the reconciler expires it.
                throw new ServiceUnavailableException("the upload session was not recorded within "
                        + properties.timeout(), null);
            }
            // Every leader is busy. Sleep until our row is committed or a leader hands its slot on (both unpark
            // us); the timed park is only a safety net. Polling instead (every 2 ms) woke ~60 idle request
            // threads 500 times a second each, which cost a visible share of 2 cores.
            LockSupport.parkNanos(this, Math.min(left, SAFETY_RECHECK_NANOS));
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new ServiceUnavailableException("interrupted while recording the upload session", null);
            }
        }
        try {
            pending.committed.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new ServiceUnavailableException("the upload session could not be recorded", e.getCause());
        } catch (InterruptedException e) {
            // not reachable: the future is done
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("interrupted while recording the upload session", e);
        }
    }

    /** A freed leader slot goes to the oldest queued request that is not leading already. */
    private void wakeAWaitingRequest() {
        for (PendingInsert waiting : queue) {
            if (!waiting.leading) {
                LockSupport.unpark(waiting.waiter);
                return;
            }
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
            batch.forEach(PendingInsert::succeed);
        } catch (RuntimeException | Error batchFailed) {
            if (batch.size() == 1) {
                batch.get(0).fail(batchFailed);
                return;
            }
            // The statement is all or nothing: find out which rows fail on their own.
            for (PendingInsert pending : batch) {
                try {
                    repository.insert(pending.session());
                    pending.succeed();
                } catch (RuntimeException | Error e) {
                    pending.fail(e);
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
            left.fail(new ServiceUnavailableException("the service shut down before the session was recorded", null));
        }
    }

    /** A queued row and the request thread waiting for it, which is woken the moment its outcome is known. */
    private static final class PendingInsert {
        private final UploadSession session;
        private final Thread waiter;
        private final CompletableFuture<Void> committed = new CompletableFuture<>();
        private volatile boolean leading;

        PendingInsert(UploadSession session, Thread waiter) {
            this.session = session;
            this.waiter = waiter;
        }

        UploadSession session() {
            return session;
        }

        void succeed() {
            committed.complete(null);
            LockSupport.unpark(waiter);
        }

        void fail(Throwable cause) {
            committed.completeExceptionally(cause);
            LockSupport.unpark(waiter);
        }
    }
}

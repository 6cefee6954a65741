package io.uplink.credential.session;

import io.uplink.credential.web.ServiceUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Records new upload sessions durably before their credential is handed out, several mints per statement. A
 * request thread queues its session and waits until the batch holding it is committed; if that batch fails, each of
 * its sessions is retried alone so one bad row fails only its own request. Nothing is fire-and-forget: a caller
 * returns only after its row is committed, or gets an exception (and no credential).
 *
 * <p>Why: one INSERT per mint made 64 concurrent requests queue for Hikari's connections and pay one round trip
 * each; a few writer threads with multi-row inserts need two connections and one round trip per batch.
 */
@Component
public class SessionGroupCommit implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SessionGroupCommit.class);

    private final UploadSessionRepository repository;
    private final SessionWriteProperties properties;
    private final BlockingQueue<PendingInsert> queue = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean closed;

    SessionGroupCommit(UploadSessionRepository repository, SessionWriteProperties properties) {
        this.repository = repository;
        this.properties = properties;
        for (int i = 0; i < Math.max(1, properties.writers()); i++) {
            Thread writer = new Thread(this::writeLoop, "session-writer-" + i);
            writer.setDaemon(true);
            writer.start();
            writers.add(writer);
        }
    }

    /**
     * Returns once the session is committed.
     *
     * @throws ServiceUnavailableException when it could not be recorded in time (the caller must not hand out a
     *                                     credential for it)
     */
    public void insert(UploadSession session) {
        if (closed) {
            throw new ServiceUnavailableException("the service is shutting down", null);
        }
        PendingInsert pending = new PendingInsert(session, new CompletableFuture<>());
        queue.add(pending);
        try {
            pending.committed().get(properties.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new ServiceUnavailableException("the upload session could not be recorded", e.getCause());
        } catch (TimeoutException e) {
            // The row may still be committed later; it then stays pending and the reconciler expires it.
            throw new ServiceUnavailableException("the upload session was not recorded within "
                    + properties.timeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("interrupted while recording the upload session", e);
        }
    }

    private void writeLoop() {
        List<PendingInsert> batch = new ArrayList<>(properties.maxBatch());
        while (!closed || !queue.isEmpty()) {
            try {
                PendingInsert first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, properties.maxBatch() - 1);
                write(batch);
            } catch (InterruptedException e) {
                if (closed) {
                    break;
                }
            } catch (RuntimeException | Error e) {
                batch.forEach(p -> p.committed().completeExceptionally(e));
                log.error("session writer failed; its batch was failed", e);
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<PendingInsert> batch) {
        try {
            repository.insertAll(batch.stream().map(PendingInsert::session).toList());
            batch.forEach(p -> p.committed().complete(null));
        } catch (RuntimeException batchFailed) {
            if (batch.size() == 1) {
                batch.get(0).committed().completeExceptionally(batchFailed);
                return;
            }
            // The statement is all or nothing: find out which rows fail on their own.
            for (PendingInsert pending : batch) {
                try {
                    repository.insert(pending.session());
                    pending.committed().complete(null);
                } catch (RuntimeException e) {
                    pending.committed().completeExceptionally(e);
                }
            }
        }
    }

    /** After graceful shutdown no mint is in flight; whatever is still queued is written before the pool closes. */
    @Override
    public void destroy() throws InterruptedException {
        closed = true;
        for (Thread writer : writers) {
            writer.join(properties.timeout().toMillis());
        }
        PendingInsert left;
        while ((left = queue.poll()) != null) {
            left.committed().completeExceptionally(
                    new ServiceUnavailableException("the service shut down before the session was recorded", null));
        }
    }

    private record PendingInsert(UploadSession session, CompletableFuture<Void> committed) {
    }
}

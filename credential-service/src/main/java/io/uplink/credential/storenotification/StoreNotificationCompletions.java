package io.uplink.credential.storenotification;

import io.uplink.contracts.Topics;
import io.uplink.contracts.UploadSource;
import io.uplink.credential.session.UploadSession;
import io.uplink.credential.session.UploadSessionRepository;
import io.uplink.credential.upload.Uploads;
import io.uplink.credential.web.UploadConflictException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reconciler's work, done when the store announces an object instead of minutes later: a browser that uploads
 * with one request (Uppy's PUT or POST form) or completes its multipart upload in the store itself (Uppy's
 * {@code signRequest} mode) never calls back, yet its upload's completion, with the uploader's subject, metadata and
 * filename, follows the store's notification within seconds. An object stored under the key of a pending session is
 * verified and published exactly as a client's complete call would be (source {@code store-notification}); a
 * completed session, an unknown key and a notification of another bucket change nothing. A failure is logged and
 * left to the reconciler, so a notification is never retried here and never blocks the ones after it.
 */
@Component
@ConditionalOnProperty(name = "uplink.credential.store-notifications.enabled", matchIfMissing = true)
class StoreNotificationCompletions {

    private static final Logger log = LoggerFactory.getLogger(StoreNotificationCompletions.class);

    private final UploadSessionRepository sessions;
    private final Uploads uploads;

    StoreNotificationCompletions(UploadSessionRepository sessions, Uploads uploads) {
        this.sessions = sessions;
        this.uploads = uploads;
    }

    @KafkaListener(id = "store-notifications", topics = Topics.STORAGE_EVENTS, batch = "true",
            groupId = "${uplink.credential.store-notifications.group-id:credential-service}")
    void onNotifications(List<ConsumerRecord<String, byte[]>> records) {
        completeAll(records.stream().filter(record -> record.value() != null)
                .flatMap(record -> CreatedObjects.in(record.value()).stream()).toList());
    }

    /** One query finds the pending sessions of a batch: most announced objects were completed by their clients. */
    void completeAll(List<CreatedObjects.StoredObject> objects) {
        if (objects.isEmpty()) {
            return;
        }
        Map<String, UploadSession> pending = new HashMap<>();
        try {
            sessions.findPendingByKeys(objects.stream().map(CreatedObjects.StoredObject::key).distinct().toList())
                    .forEach(session -> pending.put(session.key(), session));
        } catch (RuntimeException e) {
            log.warn("{} announced objects not checked; the reconciler will: {}", objects.size(), e.toString());
            return;
        }
        for (CreatedObjects.StoredObject object : objects) {
            UploadSession session = pending.get(object.key());
            if (session != null && session.bucket().equals(object.bucket())) {
                pending.remove(object.key()); // announced twice in a batch: completed once
                complete(session);
            }
        }
    }

    private void complete(UploadSession session) {
        try {
            uploads.completeFromStore(session, UploadSource.STORE_NOTIFICATION);
        } catch (UploadConflictException e) {
            // object-mismatch: the object was removed and the session rejected, as on a client's complete call;
            // object-missing: deleted again before it could be checked
            log.info("announced object {} not published: {}", session.key(), e.getMessage());
        } catch (RuntimeException e) {
            log.warn("announced object {} not checked; the reconciler will: {}", session.key(), e.toString());
        }
    }
}

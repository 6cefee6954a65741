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

import java.util.List;

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
@ConditionalOnProperty(name = "uplink.store-notifications.enabled", matchIfMissing = true)
class StoreNotificationCompletions {

    private static final Logger log = LoggerFactory.getLogger(StoreNotificationCompletions.class);

    private final UploadSessionRepository sessions;
    private final Uploads uploads;

    StoreNotificationCompletions(UploadSessionRepository sessions, Uploads uploads) {
        this.sessions = sessions;
        this.uploads = uploads;
    }

    @KafkaListener(id = "store-notifications", topics = Topics.STORAGE_EVENTS, batch = "true",
            groupId = "${uplink.store-notifications.group-id:credential-service}")
    void onNotifications(List<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.value() != null) {
                CreatedObjects.in(record.value()).forEach(this::complete);
            }
        }
    }

    void complete(CreatedObjects.StoredObject object) {
        try {
            sessions.findByKey(object.key())
                    .filter(session -> session.status() == UploadSession.Status.PENDING)
                    .filter(session -> session.bucket().equals(object.bucket()))
                    .ifPresent(session -> uploads.completeFromStore(session, UploadSource.STORE_NOTIFICATION));
        } catch (UploadConflictException e) {
            // object-mismatch: the object was removed and the session rejected, as on a client's complete call;
            // object-missing: deleted again before it could be checked
            log.info("announced object {} not published: {}", object.key(), e.getMessage());
        } catch (RuntimeException e) {
            log.warn("announced object {} not checked; the reconciler will: {}", object.key(), e.toString());
        }
    }
}

package io.uplink.callback.secretstore;

import io.uplink.callback.signing.WebhookSecret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Rewrites every stored secret that is not under the current key (plain values from before encryption, values under
 * a rotated-out key) under the current key. Runs right after start and then periodically, which also catches rows an
 * older replica wrote during a rolling deployment. In batches, in id order; each row is rewritten only if it is
 * still what was read, so a concurrent secret rotation or another replica's pass wins and nothing is lost. Rows that
 * do not decrypt are logged and left as they are.
 */
@Component
public class SecretReEncryption {

    private static final Logger log = LoggerFactory.getLogger(SecretReEncryption.class);

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final int batchSize;

    public SecretReEncryption(JdbcClient jdbc, SecretCipher cipher, SecretEncryptionProperties properties) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.batchSize = properties.reEncryptionBatchSize();
    }

    @Scheduled(initialDelayString = "${uplink.callback.secret-encryption.re-encryption-initial-delay:0s}",
            fixedDelayString = "${uplink.callback.secret-encryption.re-encryption-interval:1h}")
    void scheduled() {
        Result result = reEncryptAll();
        if (result.rewritten() > 0 || result.unreadable() > 0) {
            log.info("re-encrypted {} endpoints' secrets under key '{}'; {} do not decrypt and were left as they are",
                    result.rewritten(), cipher.currentKeyId(), result.unreadable());
        }
    }

    /** One pass over every endpoint not yet under the current key. */
    public Result reEncryptAll() {
        int rewritten = 0;
        int unreadable = 0;
        UUID after = null;
        while (true) {
            List<StoredRow> batch = nextBatch(after);
            for (StoredRow row : batch) {
                try {
                    rewritten += reEncrypt(row);
                } catch (UnreadableSecretException e) {
                    unreadable++;
                    log.warn("not re-encrypted: {}", e.getMessage());
                }
            }
            if (batch.size() < batchSize) {
                return new Result(rewritten, unreadable);
            }
            after = batch.get(batch.size() - 1).id();
        }
    }

    private List<StoredRow> nextBatch(UUID after) {
        return jdbc.sql("""
                        select id, secret, previous_secret from endpoints
                        where (cast(:after as uuid) is null or id > :after)
                          and (left(secret, length(:prefix)) <> :prefix
                               or left(previous_secret, length(:prefix)) <> :prefix)
                        order by id
                        limit :limit""")
                .param("after", after).param("prefix", cipher.currentPrefix()).param("limit", batchSize)
                .query((rs, n) -> new StoredRow(rs.getObject("id", UUID.class), rs.getString("secret"),
                        rs.getString("previous_secret")))
                .list();
    }

    private int reEncrypt(StoredRow row) {
        String secret = resealed(row.secret(), row.id(), SecretColumn.SECRET);
        String previous = row.previous() == null ? null : resealed(row.previous(), row.id(), SecretColumn.PREVIOUS_SECRET);
        if (Objects.equals(secret, row.secret()) && Objects.equals(previous, row.previous())) {
            return 0;
        }
        return jdbc.sql("""
                        update endpoints set secret = :secret, previous_secret = :previous
                        where id = :id and secret = :oldSecret and previous_secret is not distinct from :oldPrevious""")
                .param("secret", secret).param("previous", previous).param("id", row.id())
                .param("oldSecret", row.secret()).param("oldPrevious", row.previous())
                .update();
    }

    private String resealed(String stored, UUID endpointId, SecretColumn column) {
        if (cipher.isUnderCurrentKey(stored)) {
            return stored;
        }
        WebhookSecret secret = cipher.open(stored, endpointId, column);
        return cipher.seal(secret, endpointId, column);
    }

    private record StoredRow(UUID id, String secret, String previous) {
    }

    /**
     * @param rewritten endpoints whose secrets are now under the current key
     * @param unreadable endpoints left as they were because a secret did not decrypt
     */
    public record Result(int rewritten, int unreadable) {
    }
}

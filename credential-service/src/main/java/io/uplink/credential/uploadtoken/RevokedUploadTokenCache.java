package io.uplink.credential.uploadtoken;

import io.uplink.servlet.identity.RevokedUploadTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The revoked, unexpired tokens, reloaded from Postgres every {@code revocation-refresh} (2 s by default), so
 * checking a request costs no database round trip: a revocation holds on every instance within that bound, at
 * once on the instance that took it, and new files are refused at once everywhere (the grant's reservation reads
 * the row). While Postgres is unreachable the last loaded set stays in force.
 */
@Component
class RevokedUploadTokenCache implements RevokedUploadTokens {

    private static final Logger log = LoggerFactory.getLogger(RevokedUploadTokenCache.class);

    private final UploadTokenRepository repository;
    private final Clock clock;
    private volatile Set<UUID> revoked = Set.of();
    private final Set<UUID> revokedHere = ConcurrentHashMap.newKeySet();
    private long refreshes;

    RevokedUploadTokenCache(UploadTokenRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    @Override
    public boolean isRevoked(UUID tokenId) {
        return revoked.contains(tokenId) || revokedHere.contains(tokenId);
    }

    void revokedHere(UUID tokenId) {
        revokedHere.add(tokenId);
    }

    @Scheduled(fixedDelayString = "${uplink.credential.upload-tokens.revocation-refresh:2s}")
    void refresh() {
        try {
            revoked = Set.copyOf(repository.revokedAndUnexpired());
            revokedHere.retainAll(revoked);
            if (++refreshes % 1800 == 0) {
                repository.deleteExpiredBefore(clock.instant().minus(Duration.ofDays(1)));
            }
        } catch (RuntimeException e) {
            log.warn("revoked upload tokens not reloaded, keeping the last set: {}", e.toString());
        }
    }
}

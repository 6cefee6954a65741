package io.uplink.credential.uploadtoken;

import io.uplink.contracts.identity.UploadToken;
import io.uplink.contracts.identity.UploadTokenSigner;
import io.uplink.credential.web.InvalidRequestException;
import io.uplink.credential.web.NotFoundException;
import io.uplink.servlet.identity.Caller;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** A tenant's backend mints upload tokens for its end users, reads their usage and revokes them. */
@RestController
@RequestMapping("/api/v1/upload-tokens")
class UploadTokenController {

    private final UploadTokenRepository repository;
    private final UploadTokenSigner codec;
    private final RevokedUploadTokenCache revoked;
    private final UploadTokenProperties properties;
    private final Clock clock;

    UploadTokenController(UploadTokenRepository repository, UploadTokenSigner codec, RevokedUploadTokenCache revoked,
                          UploadTokenProperties properties, Clock clock) {
        this.repository = repository;
        this.codec = codec;
        this.revoked = revoked;
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<MintedUploadToken> mint(Caller caller, @Valid @RequestBody MintUploadTokenRequest request) {
        requireTenant(caller);
        Duration ttl = request.ttlSeconds() == null ? properties.defaultTtl() : Duration.ofSeconds(request.ttlSeconds());
        if (ttl.compareTo(properties.maxTtl()) > 0) {
            throw InvalidRequestException.badRequest("ttlSeconds", "max-ttl",
                    "an upload token lives at most " + properties.maxTtl().toSeconds() + " seconds");
        }
        Instant now = clock.instant();
        UploadToken token = new UploadToken(UUID.randomUUID(), caller.tenantId(), request.subject(),
                request.contentTypes(), request.maxFileBytes(), request.maxTotalBytes(), request.maxFiles(),
                request.keyPrefix(), request.metadata(), request.origins(), now.plus(ttl));
        repository.insert(token, now);
        return ResponseEntity.created(URI.create("/api/v1/upload-tokens/" + token.id()))
                .body(new MintedUploadToken(token.id(), codec.sign(token), token.subject(), token.expiresAt()));
    }

    @GetMapping("/{id}")
    UploadTokenUsage usage(Caller caller, @PathVariable UUID id) {
        requireTenant(caller);
        return repository.usage(caller.tenantId(), id)
                .orElseThrow(() -> new NotFoundException("no upload token " + id + " for this tenant"));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(Caller caller, @PathVariable UUID id) {
        requireTenant(caller);
        if (!repository.revoke(caller.tenantId(), id, clock.instant())) {
            throw new NotFoundException("no upload token " + id + " for this tenant");
        }
        revoked.revokedHere(id);
        return ResponseEntity.noContent().build();
    }

    private static void requireTenant(Caller caller) {
        if (!caller.hasTenant() || caller.isUploader()) {
            throw new InvalidRequestException(HttpStatus.FORBIDDEN, "caller", "tenant-credential",
                    "upload tokens are managed with the tenant's own credential");
        }
    }
}

package io.uplink.servlet.identity;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.uplink.contracts.identity.IdentityKeys;
import io.uplink.contracts.identity.UploadTokenVerifier;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** A service in miniature: an API guarded by the identity filter, one exempt callback, and upload routes. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(VerifiedIdentityConfiguration.class)
class IdentityTestApplication {

    static final Set<UUID> REVOKED = ConcurrentHashMap.newKeySet();

    @Bean
    IdentityRoutes identityRoutes() {
        return IdentityRoutes.guarding("/api/*").except("/api/callback").acceptingFrom("credential", "tenant-reader");
    }

    @Bean
    UploadTokenCheck uploadTokenCheck(IdentityProperties properties) {
        return new UploadTokenCheck(UploadTokenVerifier.fromTrustedKeys(IdentityKeys.trustedKeys(properties.trustedKeys()),
                Clock.systemUTC()), REVOKED::contains, List.of("/api/uploads"));
    }

    @RestController
    static class Endpoints {

        @GetMapping({"/api/me", "/api/uploads/me"})
        Map<String, Object> me(Caller caller) {
            return Map.of("tenantId", String.valueOf(caller.tenantId()), "subject", caller.subject(),
                    "admin", caller.isAdmin(), "uploader", caller.isUploader());
        }

        @GetMapping("/api/callback")
        String callback() {
            return "callback";
        }

        @GetMapping("/open")
        String open() {
            return "open";
        }
    }
}

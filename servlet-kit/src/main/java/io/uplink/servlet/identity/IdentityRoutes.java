package io.uplink.servlet.identity;

import java.util.List;
import java.util.Set;

/**
 * Which requests need a verified caller; each service declares its own as a bean.
 *
 * @param urlPatterns servlet URL patterns the identity filter guards, such as {@code /api/*}
 * @param exemptPaths exact request paths under them that prove their caller another way (a provider's signed callback)
 * @param secretRequired whether the service refuses to start without {@code uplink.identity.secret}; if not, it
 *                       starts and refuses every guarded request
 */
public record IdentityRoutes(List<String> urlPatterns, Set<String> exemptPaths, boolean secretRequired) {

    public IdentityRoutes {
        if (urlPatterns == null || urlPatterns.isEmpty()) {
            throw new IllegalArgumentException("guard at least one URL pattern");
        }
        urlPatterns = List.copyOf(urlPatterns);
        exemptPaths = exemptPaths == null ? Set.of() : Set.copyOf(exemptPaths);
    }

    /** Guards these patterns and needs the secret to start. */
    public static IdentityRoutes guarding(String... urlPatterns) {
        return new IdentityRoutes(List.of(urlPatterns), Set.of(), true);
    }

    public IdentityRoutes except(String... paths) {
        return new IdentityRoutes(urlPatterns, Set.of(paths), secretRequired);
    }

    /** For a service whose other work needs no identity: it starts without the secret and fails closed. */
    public IdentityRoutes startingWithoutSecret() {
        return new IdentityRoutes(urlPatterns, exemptPaths, false);
    }
}

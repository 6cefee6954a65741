package io.uplink.servlet.identity;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which requests need a verified caller, and whom besides the gateway the service hears; each service declares its own
 * as a bean.
 *
 * @param urlPatterns servlet URL patterns the identity filter guards, such as {@code /api/*}
 * @param exemptPaths exact request paths under them that prove their caller another way (a provider's signed callback)
 * @param keysRequired whether the service refuses to start without {@code uplink.identity.trusted-keys}; if not, it
 *                     starts and refuses every guarded request
 * @param otherIssuers the roles an issuer other than the gateway may assert here (the gateway may assert any); an
 *                     issuer not listed is heard from no matter whether its key is trusted
 */
public record IdentityRoutes(List<String> urlPatterns, Set<String> exemptPaths, boolean keysRequired,
                             Map<String, Set<String>> otherIssuers) {

    public IdentityRoutes {
        if (urlPatterns == null || urlPatterns.isEmpty()) {
            throw new IllegalArgumentException("guard at least one URL pattern");
        }
        urlPatterns = List.copyOf(urlPatterns);
        exemptPaths = exemptPaths == null ? Set.of() : Set.copyOf(exemptPaths);
        otherIssuers = otherIssuers == null ? Map.of() : Map.copyOf(otherIssuers);
    }

    /** Guards these patterns, hears the gateway only, and needs the trusted keys to start. */
    public static IdentityRoutes guarding(String... urlPatterns) {
        return new IdentityRoutes(List.of(urlPatterns), Set.of(), true, Map.of());
    }

    public IdentityRoutes except(String... paths) {
        return new IdentityRoutes(urlPatterns, Set.of(paths), keysRequired, otherIssuers);
    }

    /** For a service whose other work needs no identity: it starts without trusted keys and fails closed. */
    public IdentityRoutes startingWithoutKeys() {
        return new IdentityRoutes(urlPatterns, exemptPaths, false, otherIssuers);
    }

    /** Also hears {@code issuer} (another service signing with its own key), for these roles only. */
    public IdentityRoutes acceptingFrom(String issuer, String... roles) {
        Map<String, Set<String>> issuers = new HashMap<>(otherIssuers);
        issuers.put(issuer, Set.of(roles));
        return new IdentityRoutes(urlPatterns, exemptPaths, keysRequired, issuers);
    }
}

package io.uplink.credential.storage;

import io.uplink.credential.policy.ContentTypes;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which of its stores a tenant's upload goes to (tenant settings {@code storageTargets} and {@code storageRoutes}):
 * the target the request names, when the tenant may use it; else the first route whose content type and size
 * bounds the upload meets; else the tenant's {@code storageTarget}.
 *
 * @param allowed the targets a request may name; empty = the tenant's {@code storageTarget} and its routes' targets
 * @param routes  tried in order; a route with size bounds never matches an upload of open size
 */
public record StorageRouting(List<String> allowed, List<Route> routes) {

    public static final StorageRouting NONE = new StorageRouting(List.of(), List.of());

    public StorageRouting {
        allowed = allowed == null ? List.of() : List.copyOf(allowed);
        routes = routes == null ? List.of() : List.copyOf(routes);
    }

    /**
     * @param contentType a pattern as in {@code allowedContentTypes} ({@code video/*}); null = any
     * @param minSize     inclusive, bytes; null = no lower bound
     * @param maxSize     inclusive, bytes; null = no upper bound
     */
    public record Route(String contentType, Long minSize, Long maxSize, String target) {

        boolean matches(String type, Long size) {
            if (contentType != null && (type == null || !ContentTypes.isWellFormed(type)
                    || !ContentTypes.isAllowed(type, List.of(contentType)))) {
                return false;
            }
            if (minSize == null && maxSize == null) {
                return true;
            }
            return size != null && (minSize == null || size >= minSize) && (maxSize == null || size <= maxSize);
        }
    }

    /**
     * @throws StorageTargetNotAllowedException when the request names a target the tenant may not use
     */
    public String targetFor(String defaultTarget, String requested, String contentType, Long size) {
        if (requested != null && !requested.isBlank()) {
            if (!mayUse(defaultTarget).contains(requested)) {
                throw new StorageTargetNotAllowedException(requested, mayUse(defaultTarget));
            }
            return requested;
        }
        for (Route route : routes) {
            if (route.matches(contentType, size)) {
                return route.target();
            }
        }
        return defaultTarget;
    }

    private Set<String> mayUse(String defaultTarget) {
        Set<String> targets = new LinkedHashSet<>();
        if (allowed.isEmpty()) {
            targets.add(defaultTarget);
            routes.forEach(route -> targets.add(route.target()));
        } else {
            targets.addAll(allowed);
        }
        return targets;
    }
}

package io.uplink.metadata.file;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/**
 * The filters of {@code GET /api/v1/files}, parsed strictly: an unknown parameter, a malformed value or an inverted
 * range is a client error, never silently ignored.
 *
 * @param tenantId the tenant scope already decided from the caller (null = all tenants, admins only)
 */
public record FileQuery(
        String tenantId,
        String keyPrefix,
        String contentType,
        Long minSize,
        Long maxSize,
        Instant createdFrom,
        Instant createdTo,
        String filename,
        String status,
        int limit,
        FileCursor after) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    static final Set<String> PARAMETERS = Set.of("tenantId", "keyPrefix", "contentType", "minSize", "maxSize",
            "createdFrom", "createdTo", "filename", "status", "limit", "cursor");
    static final Set<String> STATUSES = Set.of("active", "pending", "deleted", "rejected");

    /** @throws InvalidQueryException when a parameter is unknown or invalid */
    public static FileQuery parse(Map<String, String> parameters, String tenantScope) {
        for (String name : parameters.keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw new InvalidQueryException("unknown parameter '" + name + "'; known: " + PARAMETERS);
            }
        }
        Long minSize = size(parameters, "minSize");
        Long maxSize = size(parameters, "maxSize");
        if (minSize != null && maxSize != null && minSize > maxSize) {
            throw new InvalidQueryException("minSize must not exceed maxSize");
        }
        Instant from = instant(parameters, "createdFrom");
        Instant to = instant(parameters, "createdTo");
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidQueryException("createdFrom must not be after createdTo");
        }
        String status = parameters.get("status");
        if (status != null && !STATUSES.contains(status)) {
            throw new InvalidQueryException("status must be 'active', 'pending', 'deleted' or 'rejected'");
        }
        int limit = DEFAULT_LIMIT;
        if (parameters.containsKey("limit")) {
            try {
                limit = Integer.parseInt(parameters.get("limit"));
            } catch (NumberFormatException e) {
                throw new InvalidQueryException("limit must be a number");
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new InvalidQueryException("limit must be between 1 and " + MAX_LIMIT);
            }
        }
        FileCursor after = null;
        if (parameters.containsKey("cursor")) {
            try {
                after = FileCursor.decode(parameters.get("cursor"));
            } catch (IllegalArgumentException e) {
                throw new InvalidQueryException("malformed cursor");
            }
        }
        return new FileQuery(tenantScope, blankToNull(parameters.get("keyPrefix")),
                blankToNull(parameters.get("contentType")), minSize, maxSize, from, to,
                blankToNull(parameters.get("filename")), status, limit, after);
    }

    private static Long size(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value == null) {
            return null;
        }
        try {
            long size = Long.parseLong(value);
            if (size < 0) {
                throw new InvalidQueryException(name + " must not be negative");
            }
            return size;
        } catch (NumberFormatException e) {
            throw new InvalidQueryException(name + " must be a number of bytes");
        }
    }

    private static Instant instant(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidQueryException(name + " must be an ISO-8601 instant such as 2026-11-25T00:00:00Z");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

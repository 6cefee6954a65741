package io.uplink.gateway.tenant;

import java.time.Duration;

/**
 * How long and how much the gateway keeps of metadata-service's answers (API keys, tenant settings): an answer is
 * refreshed after {@code refreshAfter}, never used past {@code maxAge}; a "not found" lives {@code absentTtl}; known
 * and unknown keys have separate room, so unknown ones never push known ones out.
 */
public record CacheLimits(Duration refreshAfter, Duration maxAge, Duration absentTtl, int maxKnown, int maxUnknown) {
}

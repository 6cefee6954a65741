package io.uplink.credential.oss;

import io.uplink.credential.oss.OssCallbackVerifier.InvalidCallbackException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * OSS's callback public keys, by URL. The URL comes from the (unauthenticated) callback itself, so: only URLs under
 * the allowed prefixes are fetched or remembered; at most {@code maxEntries} answers are held, the least recently
 * used dropped first; a failed fetch is remembered as a failure for {@code failureTtl}, so a flood naming one URL
 * fetches it once; at most {@code maxConcurrentFetches} fetches run at a time and at most {@code fetchesPerMinute}
 * start per minute, so a flood naming ever new URLs cannot fetch after fetch either; each fetch gives up after
 * {@code fetchTimeout}. A callback that finds no fetch allowed is refused like any unverifiable one; OSS does not
 * retry it, and the reconciler completes the upload later.
 */
final class OssPublicKeys {

    private static final Duration BUDGET_WINDOW = Duration.ofMinutes(1);

    private final List<String> allowedPrefixes;
    private final HttpClient http;
    private final Clock clock;
    private final int maxEntries;
    private final Duration fetchTimeout;
    private final Duration failureTtl;
    private final int fetchesPerMinute;
    private final Semaphore fetching;
    /* access-ordered: iteration starts at the least recently used */
    private final LinkedHashMap<String, Answer> answers = new LinkedHashMap<>(16, 0.75f, true);
    private Instant budgetWindowStart = Instant.MIN;
    private int fetchesInWindow;

    OssPublicKeys(OssCallbackProperties properties, HttpClient http, Clock clock) {
        this.allowedPrefixes = List.copyOf(properties.allowedKeyUrlPrefixes());
        this.http = http;
        this.clock = clock;
        this.maxEntries = properties.keyCacheMaxEntries();
        this.fetchTimeout = properties.keyFetchTimeout();
        this.failureTtl = properties.keyFetchFailureTtl();
        this.fetchesPerMinute = properties.keyFetchesPerMinute();
        this.fetching = new Semaphore(properties.maxConcurrentKeyFetches());
    }

    boolean allowed(String url) {
        return allowedPrefixes.stream().anyMatch(url::startsWith);
    }

    /** @throws InvalidCallbackException when the key is not allowed, not loadable, or not fetched right now */
    PublicKey key(String url) {
        if (!allowed(url)) {
            throw new InvalidCallbackException("public key URL is not an OSS key server");
        }
        Answer known = remembered(url);
        if (known != null) {
            return known.keyOrThrow();
        }
        if (!fetching.tryAcquire()) {
            throw new InvalidCallbackException("OSS public key is being fetched too often; retry later");
        }
        try {
            known = remembered(url); // fetched by another request while this one waited for the permit
            if (known != null) {
                return known.keyOrThrow();
            }
            takeFromFetchBudget();
            Answer fetched = fetch(url);
            remember(url, fetched);
            return fetched.keyOrThrow();
        } finally {
            fetching.release();
        }
    }

    private synchronized Answer remembered(String url) {
        Answer answer = answers.get(url);
        if (answer != null && answer.expiresAt != null && !clock.instant().isBefore(answer.expiresAt)) {
            answers.remove(url);
            return null;
        }
        return answer;
    }

    private synchronized void remember(String url, Answer answer) {
        answers.put(url, answer);
        var leastRecentlyUsed = answers.entrySet().iterator();
        while (answers.size() > maxEntries && leastRecentlyUsed.hasNext()) {
            leastRecentlyUsed.next();
            leastRecentlyUsed.remove();
        }
    }

    private synchronized void takeFromFetchBudget() {
        Instant now = clock.instant();
        if (!now.isBefore(budgetWindowStart.plus(BUDGET_WINDOW))) {
            budgetWindowStart = now;
            fetchesInWindow = 0;
        }
        if (fetchesInWindow >= fetchesPerMinute) {
            throw new InvalidCallbackException("OSS public key is being fetched too often; retry later");
        }
        fetchesInWindow++;
    }

    synchronized int remembered() {
        return answers.size();
    }

    private Answer fetch(String url) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(fetchTimeout).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return failure("OSS key server answered " + response.statusCode());
            }
            String base64 = response.body().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
            return new Answer(key, null, null);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            return failure("OSS public key could not be loaded");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidCallbackException("interrupted while loading the OSS public key");
        }
    }

    private Answer failure(String reason) {
        return new Answer(null, reason, clock.instant().plus(failureTtl));
    }

    /** A key (kept while used), or why there is none (kept until {@code expiresAt}). */
    private record Answer(PublicKey key, String failure, Instant expiresAt) {

        PublicKey keyOrThrow() {
            if (key == null) {
                throw new InvalidCallbackException(failure);
            }
            return key;
        }
    }
}

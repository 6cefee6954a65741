package io.uplink.gateway.ratelimit;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * Token buckets shared by every gateway instance: one Redis hash per account, refilled and debited atomically by
 * a Lua script that reads Redis's own clock, so gateway clocks never disagree about refills. A call takes up to
 * {@code wanted} tokens at once (as many as the bucket holds), for {@link TokenLeases} to hand out locally, and
 * gives back the tokens of the caller's previous reservation that lapsed unused.
 */
final class RedisTokenBuckets {

    private static final String SCRIPT = """
            redis.replicate_commands()
            local rate = tonumber(ARGV[1])
            local capacity = tonumber(ARGV[2])
            local wanted = tonumber(ARGV[3])
            local returned = tonumber(ARGV[4])
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
            local tokens = tonumber(state[1])
            local ts = tonumber(state[2])
            if tokens == nil or ts == nil then
              tokens = capacity
              ts = now
            end
            tokens = math.min(capacity, tokens + math.max(0, now - ts) * rate / 1000 + returned)
            local granted = 0
            local retry = 0
            if tokens >= 1 then
              granted = math.min(wanted, math.floor(tokens))
              tokens = tokens - granted
            else
              retry = math.ceil((1 - tokens) * 1000 / rate)
            end
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
            redis.call('PEXPIRE', KEYS[1], math.ceil(capacity * 1000 / rate) + 1000)
            return {granted, math.floor(tokens), retry}
            """;

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> TOKEN_BUCKET = RedisScript.of(SCRIPT, List.class);

    private final ReactiveStringRedisTemplate redis;

    RedisTokenBuckets(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    /**
     * Gives back {@code returned} tokens (never past the burst: a bucket that would have filled up meanwhile loses
     * them, so a give-back never admits more than taking no tokens would have), then takes between 1 and
     * {@code wanted} tokens, or none (then {@code retryAfterMillis} says when one refills).
     */
    Mono<Reservation> reserve(String account, Limit limit, long wanted, long returned) {
        List<String> keys = List.of("uplink:ratelimit:{" + account + "}");
        return redis.execute(TOKEN_BUCKET, keys, List.of(Double.toString(limit.requestsPerSecond()),
                        Long.toString(limit.burst()), Long.toString(wanted), Long.toString(returned)))
                .next()
                .map(result -> new Reservation(((Number) result.get(0)).longValue(),
                        ((Number) result.get(1)).longValue(), ((Number) result.get(2)).longValue()));
    }

    /**
     * @param granted tokens taken from the shared bucket (0: empty)
     * @param remaining tokens left in the shared bucket after this reservation
     * @param retryAfterMillis when granted is 0, how long until the bucket holds a token again
     */
    record Reservation(long granted, long remaining, long retryAfterMillis) {
    }
}

package io.uplink.gateway.ratelimit;

/** The outcome of taking one token: whether it was granted, what is left, and when to retry if not. */
public record Decision(boolean allowed, long remaining, long retryAfterMillis, Backend backend) {

    public enum Backend { REDIS, LOCAL }
}

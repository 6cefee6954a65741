package io.uplink.testsupport;

/** How to reach a running Redis. */
public record RedisEndpoint(String host, int port) {
}

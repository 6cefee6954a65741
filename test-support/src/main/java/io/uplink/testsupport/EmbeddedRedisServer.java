package io.uplink.testsupport;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;

/** A real redis-server binary shipped inside a Maven artifact. Can be stopped and started again on the same port. */
public final class EmbeddedRedisServer implements AutoCloseable {

    private final RedisServer server;
    private final int port;

    private EmbeddedRedisServer(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** @param port 0 for any free port */
    public static EmbeddedRedisServer start(int port) {
        int actualPort = port > 0 ? port : freePort();
        try {
            RedisServer server = RedisServer.newRedisServer()
                    .port(actualPort)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .build();
            server.start();
            return new EmbeddedRedisServer(server, actualPort);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded Redis on port " + actualPort, e);
        }
    }

    public RedisEndpoint endpoint() {
        return new RedisEndpoint("127.0.0.1", port);
    }

    /** Stops the server; {@link #restart()} brings it back on the same port (for degradation tests). */
    public void stop() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void restart() {
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isActive() {
        return server.isActive();
    }

    @Override
    public void close() {
        if (server.isActive()) {
            stop();
        }
    }

    static int freePort() {
        return FreePorts.pick();
    }
}

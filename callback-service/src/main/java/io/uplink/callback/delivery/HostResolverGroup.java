package io.uplink.callback.delivery;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.resolver.InetSocketAddressResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import io.uplink.callback.ssrf.HostResolver;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Lets the webhook client resolve names through the service's {@link HostResolver}, the same one registration
 * uses, so whatever it answers at connect time is what {@link ConnectGuard} judges.
 * <p>
 * The resolver blocks (the JDK's does), so it never runs on an event loop, where one tenant's slow DNS would hold
 * every delivery sharing that loop: lookups run on a small pool of their own, and the event loop only waits for the
 * answer, up to {@code timeout}. Concurrent lookups of one name share one, so a slow name ties up one pool thread
 * however many deliveries wait for it; when the pool and its queue are full, a lookup fails at once.
 */
final class HostResolverGroup extends AddressResolverGroup<InetSocketAddress> {

    private static final int QUEUED_LOOKUPS_PER_THREAD = 64;

    private final HostResolver hosts;
    private final Duration timeout;
    private final ThreadPoolExecutor lookups;
    private final ConcurrentHashMap<String, CompletableFuture<List<InetAddress>>> inFlight = new ConcurrentHashMap<>();

    HostResolverGroup(HostResolver hosts, int maxConcurrentLookups, Duration timeout) {
        this.hosts = hosts;
        this.timeout = timeout;
        AtomicInteger threads = new AtomicInteger();
        this.lookups = new ThreadPoolExecutor(maxConcurrentLookups, maxConcurrentLookups, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(maxConcurrentLookups * QUEUED_LOOKUPS_PER_THREAD), task -> {
                    Thread thread = new Thread(task, "webhook-dns-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.lookups.allowCoreThreadTimeOut(true);
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new InetSocketAddressResolver(executor, new InetNameResolver(executor) {
            @Override
            protected void doResolve(String host, Promise<InetAddress> promise) {
                answerWithin(executor, host, promise, answers -> answers.get(0));
            }

            @Override
            protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
                answerWithin(executor, host, promise, Function.identity());
            }
        });
    }

    private <T> void answerWithin(EventExecutor loop, String host, Promise<T> promise,
                                  Function<List<InetAddress>, T> answer) {
        ScheduledFuture<?> deadline = loop.schedule(() -> promise.tryFailure(
                new UnknownHostException(host + ": no DNS answer within " + timeout.toMillis() + " ms")),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
        answers(host).whenComplete((addresses, error) -> {
            deadline.cancel(false);
            if (error != null) {
                promise.tryFailure(error);
            } else {
                promise.trySuccess(answer.apply(addresses));
            }
        });
    }

    /** This name's lookup in flight, or a new one on the lookup pool. */
    private CompletableFuture<List<InetAddress>> answers(String host) {
        CompletableFuture<List<InetAddress>> mine = new CompletableFuture<>();
        CompletableFuture<List<InetAddress>> running = inFlight.putIfAbsent(host, mine);
        if (running != null) {
            return running;
        }
        try {
            lookups.execute(() -> {
                try {
                    List<InetAddress> addresses = lookUp(host);
                    inFlight.remove(host, mine); // later callers ask again: the next attempt sees a changed record
                    mine.complete(addresses);
                } catch (Throwable e) {
                    inFlight.remove(host, mine);
                    mine.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.remove(host, mine);
            mine.completeExceptionally(new UnknownHostException(host + ": too many DNS lookups in flight"));
        }
        return mine;
    }

    private List<InetAddress> lookUp(String host) throws UnknownHostException {
        List<InetAddress> answers = hosts.resolve(host);
        if (answers.isEmpty()) {
            throw new UnknownHostException(host);
        }
        return answers;
    }

    @Override
    public void close() {
        super.close();
        lookups.shutdownNow();
    }
}

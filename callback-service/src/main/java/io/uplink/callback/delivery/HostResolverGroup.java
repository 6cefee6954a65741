package io.uplink.callback.delivery;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.resolver.InetSocketAddressResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import io.uplink.callback.ssrf.HostResolver;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Lets the webhook client resolve names through the service's {@link HostResolver}, the same one registration
 * uses, so whatever it answers at connect time is what {@link ConnectGuard} judges. Blocking, like Netty's
 * default JDK-backed resolver it replaces.
 */
final class HostResolverGroup extends AddressResolverGroup<InetSocketAddress> {

    private final HostResolver hosts;

    HostResolverGroup(HostResolver hosts) {
        this.hosts = hosts;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new InetSocketAddressResolver(executor, new InetNameResolver(executor) {
            @Override
            protected void doResolve(String host, Promise<InetAddress> promise) {
                try {
                    promise.setSuccess(answers(host).get(0));
                } catch (Exception e) {
                    promise.setFailure(e);
                }
            }

            @Override
            protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
                try {
                    promise.setSuccess(answers(host));
                } catch (Exception e) {
                    promise.setFailure(e);
                }
            }
        });
    }

    private List<InetAddress> answers(String host) throws UnknownHostException {
        List<InetAddress> answers = hosts.resolve(host);
        if (answers.isEmpty()) {
            throw new UnknownHostException(host);
        }
        return answers;
    }
}

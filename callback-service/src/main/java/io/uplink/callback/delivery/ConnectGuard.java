package io.uplink.callback.delivery;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.uplink.callback.ssrf.ForbiddenTargetException;
import io.uplink.callback.ssrf.TargetPolicy;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Optional;

/**
 * Sits first in every webhook connection's pipeline and sees the address Netty is about to connect to, after
 * name resolution: the check that DNS rebinding cannot get around, because nothing is resolved after it.
 */
final class ConnectGuard extends ChannelOutboundHandlerAdapter {

    static final String NAME = "uplink-connect-guard";

    private final TargetPolicy policy;

    ConnectGuard(TargetPolicy policy) {
        this.policy = policy;
    }

    @Override
    public void connect(ChannelHandlerContext ctx, SocketAddress remote, SocketAddress local, ChannelPromise promise) {
        if (remote instanceof InetSocketAddress socket) {
            if (socket.isUnresolved()) {
                promise.setFailure(new ForbiddenTargetException("refusing to connect to unresolved " + socket));
                return;
            }
            Optional<String> refusal = policy.refusal(socket.getAddress());
            if (refusal.isPresent()) {
                promise.setFailure(new ForbiddenTargetException("refusing to connect to "
                        + socket.getAddress().getHostAddress() + ": " + refusal.get()));
                return;
            }
        }
        ctx.connect(remote, local, promise);
    }
}

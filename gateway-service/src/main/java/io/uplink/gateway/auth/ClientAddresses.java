package io.uplink.gateway.auth;

import io.uplink.service.net.AddressRange;
import org.springframework.http.server.reactive.ServerHttpRequest;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Who a request comes from, as far as the gateway can tell: the connection's peer, or, when that peer is a trusted
 * proxy, the nearest untrusted address in X-Forwarded-For (read right to left, since only the entries our own
 * proxies appended can be believed). An IPv6 client is identified by its /64, which one host usually controls whole.
 */
final class ClientAddresses {

    private static final int MAX_KEY_LENGTH = 64;

    private final List<AddressRange> trustedProxies;

    ClientAddresses(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(AddressRange::parse).toList();
    }

    String of(ServerHttpRequest request) {
        InetSocketAddress peer = request.getRemoteAddress();
        if (peer == null || peer.getAddress() == null) {
            return "unknown";
        }
        InetAddress client = peer.getAddress();
        if (trusted(client)) {
            List<String> forwarded = request.getHeaders().getValuesAsList("X-Forwarded-For");
            for (int i = forwarded.size() - 1; i >= 0; i--) {
                Optional<InetAddress> hop = AddressRange.literal(forwarded.get(i));
                if (hop.isEmpty()) {
                    // not an address: whatever it is, it is what the trusted proxy says the client is
                    String raw = forwarded.get(i).trim();
                    return raw.length() > MAX_KEY_LENGTH ? raw.substring(0, MAX_KEY_LENGTH) : raw;
                }
                client = hop.get();
                if (!trusted(client)) {
                    break;
                }
            }
        }
        return key(client);
    }

    private boolean trusted(InetAddress address) {
        for (AddressRange range : trustedProxies) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static String key(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] prefix = Arrays.copyOf(address.getAddress(), 16);
            Arrays.fill(prefix, 8, 16, (byte) 0);
            try {
                return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return address.getHostAddress();
    }
}

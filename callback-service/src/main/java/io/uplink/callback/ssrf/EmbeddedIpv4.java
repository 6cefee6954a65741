package io.uplink.callback.ssrf;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The IPv4 address an IPv6 address stands for, where connecting to the IPv6 one reaches that IPv4 host:
 * IPv4-mapped ({@code ::ffff:a.b.c.d}, which the JDK keeps as IPv6 when a resolver builds it), NAT64's well-known
 * prefix ({@code 64:ff9b::/96}) and 6to4 ({@code 2002:AABB:CCDD::/48}). Such an address is as forbidden as its
 * IPv4 form.
 *
 * @param form how the IPv4 address is carried, for the refusal reason
 */
record EmbeddedIpv4(String form, Inet4Address ipv4) {

    static Optional<EmbeddedIpv4> of(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return Optional.empty();
        }
        byte[] bytes = address.getAddress();
        if (zeros(bytes, 0, 10) && (bytes[10] & 0xFF) == 0xFF && (bytes[11] & 0xFF) == 0xFF) {
            return Optional.of(new EmbeddedIpv4("IPv4-mapped", ipv4(bytes, 12)));
        }
        if (bytes[0] == 0 && bytes[1] == 0x64 && (bytes[2] & 0xFF) == 0xFF && (bytes[3] & 0xFF) == 0x9B
                && zeros(bytes, 4, 12)) {
            return Optional.of(new EmbeddedIpv4("NAT64", ipv4(bytes, 12)));
        }
        if (bytes[0] == 0x20 && bytes[1] == 0x02) {
            return Optional.of(new EmbeddedIpv4("6to4", ipv4(bytes, 2)));
        }
        return Optional.empty();
    }

    private static boolean zeros(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static Inet4Address ipv4(byte[] bytes, int offset) {
        try {
            return (Inet4Address) InetAddress.getByAddress(
                    new byte[] {bytes[offset], bytes[offset + 1], bytes[offset + 2], bytes[offset + 3]});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}

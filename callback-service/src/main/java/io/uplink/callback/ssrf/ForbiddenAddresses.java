package io.uplink.callback.ssrf;

import io.uplink.service.net.AddressRange;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Addresses a webhook must never reach: anything that is not the public internet, where a request could hit the
 * platform itself, its neighbours or the cloud metadata service.
 */
public final class ForbiddenAddresses {

    private static final Map<AddressRange, String> IPV4 = ranges(
            "0.0.0.0/8", "this network",
            "10.0.0.0/8", "private network",
            "100.64.0.0/10", "carrier-grade NAT",
            "127.0.0.0/8", "loopback",
            "169.254.0.0/16", "link-local (cloud metadata)",
            "172.16.0.0/12", "private network",
            "192.0.0.0/24", "IETF protocol assignments",
            "192.168.0.0/16", "private network",
            "198.18.0.0/15", "benchmarking network",
            "224.0.0.0/4", "multicast",
            "240.0.0.0/4", "reserved (incl. broadcast)");

    // IPv4-mapped, NAT64 and 6to4 addresses are judged by the IPv4 address they carry (EmbeddedIpv4): a resolver
    // may hand out ::ffff:169.254.169.254 as an Inet6Address, which no IPv6 range below would catch. IPv4-compatible
    // addresses (::a.b.c.d) are deprecated and refused whatever they carry; NAT64's local-use prefix embeds
    // per network, so it is refused whole.
    private static final Map<AddressRange, String> IPV6 = ranges(
            "::/128", "unspecified",
            "::1/128", "IPv6 loopback",
            "::/96", "IPv4-compatible IPv6",
            "64:ff9b:1::/48", "local-use NAT64",
            "fc00::/7", "IPv6 unique local",
            "fe80::/10", "IPv6 link-local",
            "fec0::/10", "IPv6 site-local",
            "ff00::/8", "IPv6 multicast");

    private ForbiddenAddresses() {
    }

    /** @return why the address is forbidden, or empty when it is a public address */
    public static Optional<String> reason(InetAddress address) {
        Optional<EmbeddedIpv4> embedded = EmbeddedIpv4.of(address);
        if (embedded.isPresent()) {
            EmbeddedIpv4 ipv4 = embedded.get();
            return reason(ipv4.ipv4()).map(why ->
                    ipv4.form() + " " + ipv4.ipv4().getHostAddress() + ": " + why);
        }
        Map<AddressRange, String> ranges = address instanceof Inet6Address ? IPV6 : IPV4;
        for (Map.Entry<AddressRange, String> range : ranges.entrySet()) {
            if (range.getKey().contains(address)) {
                return Optional.of(range.getValue());
            }
        }
        if (address instanceof Inet4Address) {
            return Optional.empty();
        }
        return embeddedIpv4(address).flatMap(ForbiddenAddresses::reason);
    }

    // Teredo (2001::/32) carries an obfuscated IPv4 client address; treat it as not public.
    private static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0 && bytes[3] == 0) {
            try {
                return Optional.of(InetAddress.getByAddress(new byte[] {0, 0, 0, 0}));
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return Optional.empty();
    }

    private static Map<AddressRange, String> ranges(String... cidrAndReason) {
        Map<AddressRange, String> ranges = new LinkedHashMap<>();
        for (int i = 0; i < cidrAndReason.length; i += 2) {
            ranges.put(AddressRange.parse(cidrAndReason[i]), cidrAndReason[i + 1]);
        }
        return ranges;
    }
}

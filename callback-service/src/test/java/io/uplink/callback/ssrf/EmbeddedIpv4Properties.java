package io.uplink.callback.ssrf;

import io.uplink.service.net.AddressRange;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A forbidden IPv4 address stays forbidden when a resolver hands it out inside an IPv6 address: IPv4-mapped,
 * IPv4-compatible, NAT64 or 6to4. The addresses are built as {@link Inet6Address} on purpose, as a DNS answer can
 * arrive, not through {@code InetAddress.getByAddress}, which would quietly turn a mapped one into IPv4.
 */
class EmbeddedIpv4Properties {

    private static final List<String> FORBIDDEN_V4 = List.of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10",
            "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15",
            "224.0.0.0/4", "240.0.0.0/4");

    /** How each IPv6 form carries an IPv4 address. */
    enum Embedding {
        IPV4_MAPPED {
            byte[] embed(byte[] v4) {
                return bytes(new int[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff}, v4, 12);
            }
        },
        IPV4_COMPATIBLE {
            byte[] embed(byte[] v4) {
                return bytes(new int[12], v4, 12);
            }
        },
        NAT64 {
            byte[] embed(byte[] v4) {
                return bytes(new int[] {0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0}, v4, 12);
            }
        },
        SIX_TO_FOUR {
            byte[] embed(byte[] v4) {
                byte[] address = bytes(new int[] {0x20, 0x02}, v4, 2);
                address[15] = 1;
                return address;
            }
        };

        abstract byte[] embed(byte[] v4);

        private static byte[] bytes(int[] prefix, byte[] v4, int at) {
            byte[] address = new byte[16];
            for (int i = 0; i < prefix.length; i++) {
                address[i] = (byte) prefix[i];
            }
            System.arraycopy(v4, 0, address, at, 4);
            return address;
        }
    }

    @Property
    void aForbiddenIpv4AddressInsideAnyIpv6FormIsForbidden(
            @ForAll("forbiddenIpv4") byte[] v4, @ForAll Embedding embedding) {
        InetAddress answer = ipv6(embedding.embed(v4));

        assertThat(answer).isInstanceOf(Inet6Address.class);
        assertThat(ForbiddenAddresses.reason(answer)).isPresent();
    }

    @Property
    void aHostResolvingToAForbiddenIpv4AddressInsideAnyIpv6FormIsRefusedAtRegistrationAndConnect(
            @ForAll("forbiddenIpv4") byte[] v4, @ForAll Embedding embedding) {
        InetAddress answer = ipv6(embedding.embed(v4));
        // the development allowlist names the IPv4 form only; the IPv6 form must not slip through it either
        TargetPolicy policy = new TargetPolicy(new EndpointTargetProperties(false, List.of("127.0.0.1/32")),
                host -> List.of(answer));

        assertThatThrownBy(() -> policy.checkUrl("https://hooks.tenant.example/in"))
                .isInstanceOf(ForbiddenTargetException.class)
                .hasMessageContaining("non-public address");
        assertThat(policy.refusal(answer)).isPresent();
    }

    @Property
    void anEmbeddedIpv4AddressIsJudgedAsThatIpv4Address(
            @ForAll("anyIpv4") byte[] v4, @ForAll("translating") Embedding embedding) {
        boolean forbiddenAsIpv4 = ForbiddenAddresses.reason(ipv4(v4)).isPresent();

        assertThat(ForbiddenAddresses.reason(ipv6(embedding.embed(v4))).isPresent()).isEqualTo(forbiddenAsIpv4);
    }

    @Provide
    Arbitrary<byte[]> anyIpv4() {
        return Arbitraries.bytes().array(byte[].class).ofSize(4);
    }

    @Provide
    Arbitrary<byte[]> forbiddenIpv4() {
        return Combinators.combine(Arbitraries.of(FORBIDDEN_V4), anyIpv4()).as(EmbeddedIpv4Properties::inside);
    }

    /** The forms that lead to the embedded IPv4 host; IPv4-compatible addresses are deprecated and refused whole. */
    @Provide
    Arbitrary<Embedding> translating() {
        return Arbitraries.of(Embedding.IPV4_MAPPED, Embedding.NAT64, Embedding.SIX_TO_FOUR);
    }

    /** Keeps the range's prefix bits and randomises the rest. */
    private static byte[] inside(String cidr, byte[] random) {
        AddressRange range = AddressRange.parse(cidr);
        byte[] result = random.clone();
        for (int bit = 0; bit < range.prefixLength(); bit++) {
            int index = bit / 8;
            int mask = 0x80 >>> (bit % 8);
            result[index] = (byte) ((result[index] & ~mask) | (range.network()[index] & mask));
        }
        return result;
    }

    static InetAddress ipv6(byte[] bytes) {
        try {
            return Inet6Address.getByAddress(null, bytes, -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InetAddress ipv4(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}

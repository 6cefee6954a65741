package io.uplink.callback.ssrf;

import io.uplink.service.net.AddressRange;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ForbiddenAddressesProperties {

    private static final List<String> FORBIDDEN_V4 = List.of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10",
            "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.168.0.0/16", "224.0.0.0/4", "240.0.0.0/4");
    private static final List<String> FORBIDDEN_V6 = List.of("fc00::/7", "fe80::/10", "ff00::/8");

    private final TargetPolicy policy = new TargetPolicy(
            new EndpointTargetProperties(false, List.of()), HostResolver.SYSTEM);

    @Property
    void everyAddressInsideAForbiddenIpv4RangeIsRejected(@ForAll("forbiddenIpv4") InetAddress address) {
        assertThat(ForbiddenAddresses.reason(address)).isPresent();
        assertThatThrownBy(() -> policy.checkUrl("https://" + address.getHostAddress() + "/hook"))
                .isInstanceOf(ForbiddenTargetException.class);
    }

    @Property
    void everyIpv4AddressOutsideTheForbiddenRangesIsAccepted(@ForAll("anyIpv4") InetAddress address) {
        boolean inForbiddenRange = FORBIDDEN_V4.stream().map(AddressRange::parse).anyMatch(r -> r.contains(address))
                || AddressRange.parse("192.0.0.0/24").contains(address)
                || AddressRange.parse("198.18.0.0/15").contains(address);
        assertThat(ForbiddenAddresses.reason(address).isPresent()).isEqualTo(inForbiddenRange);
    }

    @Property
    void everyIpv4AddressWrittenAsIpv4MappedIpv6IsRejected(@ForAll("anyIpv4") InetAddress address) {
        assertThatThrownBy(() -> policy.checkUrl("https://[::ffff:" + address.getHostAddress() + "]/hook"))
                .isInstanceOf(ForbiddenTargetException.class);
    }

    @Property
    void everyAddressInsideAForbiddenIpv6RangeIsRejected(@ForAll("forbiddenIpv6") InetAddress address) {
        assertThat(ForbiddenAddresses.reason(address)).isPresent();
    }

    @Property
    void arbitraryInputIsEitherRejectedWithAReasonOrAHttpsUrl(@ForAll String input) {
        try {
            assertThat(policy.checkUrl(input).getScheme()).isEqualToIgnoringCase("https");
        } catch (ForbiddenTargetException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<InetAddress> anyIpv4() {
        return Arbitraries.bytes().array(byte[].class).ofSize(4).map(ForbiddenAddressesProperties::address);
    }

    @Provide
    Arbitrary<InetAddress> forbiddenIpv4() {
        return Combinators.combine(Arbitraries.of(FORBIDDEN_V4), Arbitraries.bytes().array(byte[].class).ofSize(4))
                .as(ForbiddenAddressesProperties::inside);
    }

    @Provide
    Arbitrary<InetAddress> forbiddenIpv6() {
        return Combinators.combine(Arbitraries.of(FORBIDDEN_V6), Arbitraries.bytes().array(byte[].class).ofSize(16))
                .as(ForbiddenAddressesProperties::inside);
    }

    /** Keeps the range's prefix bits and randomises the rest. */
    private static InetAddress inside(String cidr, byte[] random) {
        AddressRange range = AddressRange.parse(cidr);
        byte[] network = range.network();
        byte[] result = random.clone();
        for (int bit = 0; bit < range.prefixLength(); bit++) {
            int index = bit / 8;
            int mask = 0x80 >>> (bit % 8);
            result[index] = (byte) ((result[index] & ~mask) | (network[index] & mask));
        }
        return address(result);
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}

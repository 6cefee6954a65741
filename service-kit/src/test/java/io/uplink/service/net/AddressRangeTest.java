package io.uplink.service.net;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AddressRangeTest {

    @ParameterizedTest
    @CsvSource({
            "10.0.0.0/8, 10.255.1.2, true",
            "10.0.0.0/8, 11.0.0.1, false",
            "172.16.0.0/12, 172.31.255.255, true",
            "172.16.0.0/12, 172.32.0.0, false",
            "100.64.0.0/10, 100.127.0.1, true",
            "100.64.0.0/10, 100.128.0.1, false",
            "192.0.2.7, 192.0.2.7, true",
            "192.0.2.7, 192.0.2.8, false",
            "0.0.0.0/0, 203.0.113.9, true",
            "fd00::/8, fd12:3456::1, true",
            "fd00::/8, fe80::1, false",
            "fc00::/7, fdff::1, true",
            "::1, ::1, true",
            "[2001:db8::]/32, 2001:db8:ffff::1, true",
            "10.0.0.0/8, ::ffff:a00:1, true",
            "fd00::/8, 10.0.0.1, false",
            "10.0.0.0/8, fd00::1, false"
    })
    void containsExactlyTheAddressesUnderItsPrefix(String range, String address, boolean inside) throws Exception {
        assertThat(AddressRange.parse(range).contains(InetAddress.getByName(address))).isEqualTo(inside);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.com", "10.0.0.0/x", "10.0.0.0/33", "::/129", "10.0.0.0/-1", "",
            "10.0.0", "256.0.0.0/8", "not-an-address/8"})
    void refusesWhatIsNoIpLiteralWithAValidPrefix(String range) {
        assertThatThrownBy(() -> AddressRange.parse(range)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.7", " 192.0.2.7 ", "2001:db8::1", "[2001:db8::1]", "::ffff:192.0.2.7"})
    void aLiteralIsTheAddressItNames(String text) {
        assertThat(AddressRange.literal(text)).isPresent();
    }

    /** Host names and forms the JDK would hand to the resolver are no literals, so nothing is looked up. */
    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.com", "unknown", "", "999.1.1.1", "010.0.0.1", "1.2.3", "1.2.3.4.5",
            "fe80::1%eth0", ".1:2", "zz:1", "2001:db8::1:", "[example.com]"})
    void anythingElseIsNoLiteral(String text) {
        assertThat(AddressRange.literal(text)).isEmpty();
    }

    @Test
    void rangesNamingTheSameNetworkAreEqual() {
        assertThat(AddressRange.parse("10.0.0.0/8")).isEqualTo(AddressRange.parse(" 10.0.0.0/8"))
                .hasSameHashCodeAs(AddressRange.parse("10.0.0.0/8"))
                .isNotEqualTo(AddressRange.parse("10.0.0.0/9"))
                .hasToString("10.0.0.0/8");
    }
}

package io.uplink.callback.ssrf;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DNS answers that carry an IPv4 address inside IPv6, as a resolver may return them (never IPv4 objects). */
class EmbeddedIpv4Test {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "0:0:0:0:0:ffff:a9fe:a9fe | link-local (cloud metadata)",
            "0:0:0:0:0:ffff:7f00:1    | loopback",
            "0:0:0:0:0:ffff:a00:1     | private network",
            "64:ff9b:0:0:0:0:a9fe:a9fe | NAT64",
            "2002:7f00:1:0:0:0:0:1    | 6to4",
            "0:0:0:0:0:0:7f00:1       | IPv4-compatible"})
    void refusesAHostWhoseDnsAnswerEmbedsAForbiddenIpv4Address(String answer, String reason) throws Exception {
        InetAddress address = EmbeddedIpv4Properties.ipv6(bytes(answer));
        TargetPolicy policy = new TargetPolicy(new EndpointTargetProperties(false, List.of()), host -> List.of(address));

        assertThatThrownBy(() -> policy.checkUrl("https://hooks.tenant.example/in"))
                .isInstanceOf(ForbiddenTargetException.class)
                .hasMessageContaining(reason);
        assertThat(policy.refusal(address)).hasValueSatisfying(why -> assertThat(why).contains(reason));
    }

    @ParameterizedTest
    @CsvSource({"0:0:0:0:0:ffff:808:808", "64:ff9b:0:0:0:0:808:808", "2002:808:808:0:0:0:0:1"})
    void acceptsAPublicIpv4AddressEmbeddedInIpv6(String answer) throws Exception {
        InetAddress address = EmbeddedIpv4Properties.ipv6(bytes(answer));

        assertThat(ForbiddenAddresses.reason(address)).isEmpty();
    }

    /** The JDK turns a mapped literal into 4 bytes; rebuild its 16. */
    private static byte[] mapped(String answer) throws Exception {
        byte[] v4 = InetAddress.getByName("[" + answer + "]").getAddress();
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xff;
        v6[11] = (byte) 0xff;
        System.arraycopy(v4, 0, v6, 12, 4);
        return v6;
    }

    private static byte[] bytes(String answer) throws Exception {
        byte[] raw = InetAddress.getByName("[" + answer + "]").getAddress();
        return raw.length == 16 ? raw : mapped(answer);
    }
}

package io.uplink.callback.ssrf;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetPolicyTest {

    private final TargetPolicy production = new TargetPolicy(
            new EndpointTargetProperties(false, List.of()), HostResolver.SYSTEM);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "https://127.0.0.1/hook            | loopback",
            "https://127.8.9.10/hook           | loopback",
            "https://10.1.2.3/hook             | private network",
            "https://172.16.0.1/hook           | private network",
            "https://172.31.255.254/hook       | private network",
            "https://192.168.1.1/hook          | private network",
            "https://169.254.169.254/latest    | link-local (cloud metadata)",
            "https://100.64.0.1/hook           | carrier-grade NAT",
            "https://100.127.255.255/hook      | carrier-grade NAT",
            "https://0.0.0.0/hook              | this network",
            "https://0.1.2.3/hook              | this network",
            "https://224.0.0.1/hook            | multicast",
            "https://239.255.255.250/hook      | multicast",
            "https://255.255.255.255/hook      | reserved (incl. broadcast)",
            "https://[::1]/hook                | IPv6 loopback",
            "https://[::]/hook                 | unspecified",
            "https://[fd00::1]/hook            | IPv6 unique local",
            "https://[fc12:3456::1]/hook       | IPv6 unique local",
            "https://[fe80::1]/hook            | IPv6 link-local",
            "https://[ff02::1]/hook            | IPv6 multicast",
            "https://[::ffff:127.0.0.1]/hook   | IPv4-mapped",
            "https://[::ffff:8.8.8.8]/hook     | IPv4-mapped",
            "https://[::ffff:7f00:1]/hook      | IPv4-mapped",
            "https://[0:0:0:0:0:ffff:808:808]/ | IPv4-mapped",
            "https://[64:ff9b::a9fe:a9fe]/hook | NAT64",
            "https://[2002:a9fe:a9fe::1]/hook  | 6to4",
            "https://2130706433/hook           | loopback",
            "https://0x7f000001/hook           | does not resolve"})
    void rejectsTargetsThatAreNotOnThePublicInternet(String url, String reason) {
        assertThatThrownBy(() -> production.checkUrl(url))
                .isInstanceOf(ForbiddenTargetException.class)
                .hasMessageContaining(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://8.8.8.8/hook", "https://1.1.1.1:8443/a/b?c=d", "https://[2606:4700:4700::1111]/hook",
            "https://172.32.0.1/hook", "https://100.128.0.1/hook", "https://192.169.0.1/hook"})
    void acceptsPublicHttpsTargets(String url) {
        assertThat(production.checkUrl(url).toString()).isEqualTo(url);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "http://8.8.8.8/hook                | must be https",
            "ftp://8.8.8.8/hook                 | must be https",
            "//8.8.8.8/hook                     | must be https",
            "https://user:pw@8.8.8.8/hook       | credentials",
            "https:///hook                      | must name a host",
            "https://8.8.8.8/hook#frag          | fragment",
            "not a url                          | not a valid URI",
            "https://no-such-host.invalid/hook  | does not resolve"})
    void rejectsMalformedOrUnsafeUrls(String url, String reason) {
        assertThatThrownBy(() -> production.checkUrl(url))
                .isInstanceOf(ForbiddenTargetException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void rejectsAHostNameWhenAnyOfItsAddressesIsPrivate() {
        TargetPolicy policy = new TargetPolicy(new EndpointTargetProperties(false, List.of()),
                host -> List.of(InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.5")));

        assertThatThrownBy(() -> policy.checkUrl("https://hooks.tenant.example/in"))
                .isInstanceOf(ForbiddenTargetException.class)
                .hasMessageContaining("private network");
    }

    @Test
    void allowsPlainHttpAndListedNetworksOnlyWhereConfigured() throws Exception {
        TargetPolicy development = new TargetPolicy(
                new EndpointTargetProperties(true, List.of("127.0.0.1/32", "::1")), HostResolver.SYSTEM);

        assertThat(development.checkUrl("http://127.0.0.1:9000/hook")).hasPort(9000);
        assertThat(development.checkUrl("http://[::1]:9000/hook")).hasPort(9000);
        assertThat(development.refusal(InetAddress.getByName("127.0.0.2"))).contains("loopback");
        assertThatThrownBy(() -> development.checkUrl("http://10.0.0.1/hook"))
                .hasMessageContaining("private network");
    }

    @Test
    void refusesAnUnreasonablyLongUrl() {
        assertThatThrownBy(() -> production.checkUrl("https://8.8.8.8/" + "a".repeat(TargetPolicy.MAX_URL_LENGTH)))
                .hasMessageContaining("longer than");
    }
}

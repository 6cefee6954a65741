package io.uplink.callback.delivery;

import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.uplink.callback.ssrf.EndpointTargetProperties;
import io.uplink.callback.ssrf.ForbiddenTargetException;
import io.uplink.callback.ssrf.HostResolver;
import io.uplink.callback.ssrf.TargetPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The connect-time check on its own: an embedded channel, so nothing ever leaves the process. */
class ConnectGuardTest {

    private final TargetPolicy policy = new TargetPolicy(
            new EndpointTargetProperties(false, List.of("127.0.0.1/32")), HostResolver.SYSTEM);

    @ParameterizedTest
    @ValueSource(strings = {"::ffff:169.254.169.254", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "64:ff9b::a9fe:a9fe",
            "::127.0.0.1", "2002:a9fe:a9fe::1"})
    void refusesAnIpv6AddressThatEmbedsAForbiddenIpv4Address(String answer) throws Exception {
        // built as Inet6Address, as a DNS answer can arrive; InetAddress.getByName would make a mapped one IPv4
        InetAddress address = Inet6Address.getByAddress(null, sixteenBytes(answer), -1);
        EmbeddedChannel channel = new EmbeddedChannel(new ConnectGuard(policy));

        ChannelFuture connect = channel.connect(new InetSocketAddress(address, 443));

        assertThat(connect.isDone()).isTrue();
        assertThat(connect.cause()).isInstanceOf(ForbiddenTargetException.class)
                .hasMessageContaining("refusing to connect");
    }

    private static byte[] sixteenBytes(String literal) throws Exception {
        byte[] raw = InetAddress.getByName(literal).getAddress();
        if (raw.length == 16) {
            return raw;
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(raw, 0, mapped, 12, 4);
        return mapped;
    }
}

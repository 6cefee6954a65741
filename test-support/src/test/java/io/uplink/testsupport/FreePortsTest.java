package io.uplink.testsupport;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FreePortsTest {

    @Test
    void picksDistinctBindablePortsBelowTheEphemeralRange() throws IOException {
        int ephemeralLow = FreePorts.ephemeralRange()[0];

        List<Integer> ports = FreePorts.pick(7);

        assertThat(ports).hasSize(7).doesNotHaveDuplicates().allSatisfy(port -> assertThat(port).isBetween(10_000, ephemeralLow - 1));
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(port));
            }
        }
    }

    @Test
    void outgoingConnectionsNeverGetThosePorts() throws IOException {
        // the kernel gives a listener on port 0 a port from the same range as outgoing connections
        try (ServerSocket ephemeral = new ServerSocket(0)) {
            assertThat(ephemeral.getLocalPort()).isGreaterThanOrEqualTo(FreePorts.ephemeralRange()[0]);
        }
    }
}

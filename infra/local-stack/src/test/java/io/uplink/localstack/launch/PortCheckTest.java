package io.uplink.localstack.launch;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PortCheckTest {

    @Test
    void reportsAPortSomeoneListensOnAndIgnoresFreeOnesAndZero() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int free;
            try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                free = probe.getLocalPort();
            }
            assertThat(PortCheck.busy(List.of(free, taken.getLocalPort(), 0))).containsExactly(taken.getLocalPort());
        }
    }
}

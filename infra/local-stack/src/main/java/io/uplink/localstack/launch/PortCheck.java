package io.uplink.localstack.launch;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Collection;
import java.util.List;

/** Finds ports that are already taken, so the stack fails before starting anything instead of half-way. */
public final class PortCheck {

    private PortCheck() {
    }

    public static List<Integer> busy(Collection<Integer> ports) {
        return ports.stream().filter(port -> port != 0).filter(port -> !isFree(port)).sorted().toList();
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

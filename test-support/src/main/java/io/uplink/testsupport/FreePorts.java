package io.uplink.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Free ports for servers that are told their port before they bind it. */
public final class FreePorts {

    private FreePorts() {
    }

    public static int pick() {
        return pick(1).get(0);
    }

    /**
     * Ports below the kernel's ephemeral range, free when probed. A port from {@code new ServerSocket(0)} comes from
     * that range, which the kernel also hands to outgoing connections: between the probe and the service's bind, any
     * Kafka or JDBC client on the machine may take it, and the service then fails to start ("Port … was already in
     * use"). Below the range only another listener can take it.
     */
    public static List<Integer> pick(int count) {
        int[] ephemeral = ephemeralRange();
        int low = 10_000;
        int high = Math.max(low + 1_000, ephemeral[0]);
        List<Integer> ports = new ArrayList<>();
        int attempts = 0;
        while (ports.size() < count) {
            if (++attempts > 10_000) {
                throw new IllegalStateException("no free port found between " + low + " and " + high);
            }
            int candidate = ThreadLocalRandom.current().nextInt(low, high);
            if (!ports.contains(candidate) && isFree(candidate)) {
                ports.add(candidate);
            }
        }
        return ports;
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** Linux's {@code ip_local_port_range}; elsewhere the IANA dynamic range. */
    public static int[] ephemeralRange() {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        try {
            if (Files.isReadable(range)) {
                // readString stops short on this procfs file (it reports a size that is not its length); lines do not
                String[] bounds = Files.readAllLines(range).get(0).trim().split("\\s+");
                return new int[]{Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1])};
            }
        } catch (IOException | RuntimeException unreadable) {
            // fall through to the IANA range
        }
        return new int[]{49152, 65535};
    }
}

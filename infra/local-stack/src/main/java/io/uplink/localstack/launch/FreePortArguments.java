package io.uplink.localstack.launch;

import io.uplink.testsupport.FreePorts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Launch arguments for a stack that must not collide with anything else on the machine (acceptance tests,
 * benchmarks): every service on a free port, infrastructure on any port, logs to files in the data directory.
 */
public final class FreePortArguments {

    private FreePortArguments() {
    }

    /** How many instances of each service. */
    public record Instances(int gateways, int credentials, int metadata, int callbacks) {

        /** What {@code ./uplink-local} starts by default: two credential-service instances, one of everything else. */
        public static final Instances DEFAULT = new Instances(1, 2, 1, 1);
    }

    public static List<String> forDataDirectory(Path dataDirectory) {
        return forDataDirectory(dataDirectory, Instances.DEFAULT);
    }

    public static List<String> forDataDirectory(Path dataDirectory, Instances instances) {
        List<Integer> ports = FreePorts.pick(2 + instances.gateways() + instances.credentials() + instances.metadata()
                + instances.callbacks());
        Iterator<Integer> free = ports.iterator();
        return new ArrayList<>(List.of(
                "--receiver-port=" + free.next(),
                "--console-port=" + free.next(),
                "--gateway-ports=" + take(free, instances.gateways()),
                "--credential-ports=" + take(free, instances.credentials()),
                "--metadata-ports=" + take(free, instances.metadata()),
                "--callback-ports=" + take(free, instances.callbacks()),
                "--postgres-port=0", "--s3-port=0", "--redis-port=0",
                "--data-dir=" + dataDirectory,
                "--logs=files",
                "--startup-timeout=240"));
    }

    private static String take(Iterator<Integer> free, int count) {
        List<String> taken = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            taken.add(String.valueOf(free.next()));
        }
        return String.join(",", taken);
    }
}

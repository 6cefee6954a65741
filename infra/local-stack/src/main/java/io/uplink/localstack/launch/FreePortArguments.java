package io.uplink.localstack.launch;

import io.uplink.testsupport.FreePorts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Launch arguments for a stack that must not collide with anything else on the machine (acceptance tests,
 * benchmarks): every service on a free port, infrastructure on any port, logs to files in the data directory.
 */
public final class FreePortArguments {

    private FreePortArguments() {
    }

    public static List<String> forDataDirectory(Path dataDirectory) {
        return arguments(dataDirectory, false);
    }

    /** As {@link #forDataDirectory}, plus a second metadata-service instance: the outbox relay's standby. */
    public static List<String> withMetadataStandby(Path dataDirectory) {
        return arguments(dataDirectory, true);
    }

    private static List<String> arguments(Path dataDirectory, boolean metadataStandby) {
        List<Integer> ports = FreePorts.pick(metadataStandby ? 8 : 7);
        List<String> arguments = new ArrayList<>(List.of(
                "--gateway-port=" + ports.get(0),
                "--credential-ports=" + ports.get(1) + "," + ports.get(2),
                "--metadata-port=" + ports.get(3),
                "--callback-port=" + ports.get(4),
                "--receiver-port=" + ports.get(5),
                "--console-port=" + ports.get(6),
                "--postgres-port=0", "--s3-port=0", "--redis-port=0",
                "--data-dir=" + dataDirectory,
                "--logs=files",
                "--startup-timeout=240"));
        if (metadataStandby) {
            arguments.add("--metadata-standby-port=" + ports.get(7));
        }
        return arguments;
    }
}

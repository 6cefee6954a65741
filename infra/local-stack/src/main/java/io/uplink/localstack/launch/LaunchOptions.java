package io.uplink.localstack.launch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the local stack starts where. Every setting comes from a flag ({@code --gateway-port=9080} or
 * {@code --gateway-port 9080}), else from its environment variable ({@code UPLINK_LOCAL_GATEWAY_PORT}), else the
 * default. Infrastructure sits on unusual ports by default so that a developer's own PostgreSQL or Redis does not
 * collide with it. Kafka takes any free port: the embedded KRaft broker does not honour a fixed one.
 *
 * @param repository the checkout (null: find it from the working directory)
 * @param dataDirectory null: {@code <repository>/.uplink-data}
 * @param gatewayPorts one gateway per port ({@code gateway}, {@code gateway-2}, …), all alike
 * @param credentialPorts one credential-service instance per port ({@code credential-1}, {@code credential-2}, …)
 * @param metadataPorts one metadata-service instance per port ({@code metadata}, {@code metadata-2}, …): one database,
 *                      one ingest consumer group, one outbox relay name (one instance leads it, the others stand by)
 * @param callbackPorts one callback-service instance per port ({@code callback}, {@code callback-2}, …): one database,
 *                      one consumer group, deliveries claimed by whichever instance is free
 * @param oidcIssuer with {@code oidcJwksUri}: the gateway also accepts this issuer's JWTs (admins sign in that way);
 *                   null: API keys only
 * @param storageNotifications whether the store publishes bucket notifications to {@code uplink.storage.events}, as
 *                             MinIO does in production; off: only complete calls and the reconciler record uploads
 * @param storageNotificationsPrefix only keys under this prefix are announced (MinIO's {@code --prefix}); empty: all
 * @param otlpEndpoint where every service exports its spans over OTLP/HTTP ({@code http://host:4318/v1/traces});
 *                     null: no export (trace ids are still in every log line)
 * @param traceSampling the share of new traces the services sample (a sampled caller's trace is always sampled)
 */
public record LaunchOptions(
        Path repository,
        Path dataDirectory,
        List<Integer> gatewayPorts,
        List<Integer> credentialPorts,
        List<Integer> metadataPorts,
        List<Integer> callbackPorts,
        int consolePort,
        int postgresPort,
        int s3Port,
        int redisPort,
        int receiverPort,
        LogOutput logOutput,
        int startupTimeoutSeconds,
        String javaOptions,
        boolean classDataSharing,
        String oidcIssuer,
        String oidcJwksUri,
        boolean storageNotifications,
        String storageNotificationsPrefix,
        String otlpEndpoint,
        double traceSampling) {

    public enum LogOutput { CONSOLE, FILES }

    /** Tuned for a quick start on a laptop: six JVMs share few cores. */
    static final String DEFAULT_JAVA_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -Xmx384m";

    private static final Map<String, Setting> SETTINGS = settings();

    public LaunchOptions {
        gatewayPorts = atLeastOne("gateway-ports", gatewayPorts);
        credentialPorts = List.copyOf(credentialPorts);
        if (credentialPorts.size() < 2) {
            throw new UsageException("--credential-ports needs at least two ports (two credential-service instances), got "
                    + credentialPorts);
        }
        metadataPorts = atLeastOne("metadata-ports", metadataPorts);
        callbackPorts = atLeastOne("callback-ports", callbackPorts);
        List<Integer> servicePorts = new ArrayList<>(List.of(consolePort, receiverPort));
        servicePorts.addAll(gatewayPorts);
        servicePorts.addAll(credentialPorts);
        servicePorts.addAll(metadataPorts);
        servicePorts.addAll(callbackPorts);
        List<Integer> fixed = new ArrayList<>(servicePorts);
        for (int infraPort : List.of(postgresPort, s3Port, redisPort)) {
            if (infraPort != 0) {
                fixed.add(infraPort);
            }
        }
        Set<Integer> seen = new HashSet<>();
        for (int port : fixed) {
            if (!seen.add(port)) {
                throw new UsageException("port " + port + " is given to two components; every port must be distinct");
            }
        }
        for (int port : servicePorts) {
            if (port == 0) {
                throw new UsageException("service ports must be fixed (0 is only allowed for infrastructure ports)");
            }
        }
        if (startupTimeoutSeconds <= 0) {
            throw new UsageException("--startup-timeout must be positive");
        }
        if ((oidcIssuer == null) != (oidcJwksUri == null)) {
            throw new UsageException("--oidc-issuer and --oidc-jwks-uri go together");
        }
    }

    private static List<Integer> atLeastOne(String flag, List<Integer> ports) {
        if (ports.isEmpty()) {
            throw new UsageException("--" + flag + " needs at least one port");
        }
        return List.copyOf(ports);
    }

    /** The first gateway: the one the quick start, the console and the demo point at. */
    public int gatewayPort() {
        return gatewayPorts.get(0);
    }

    /** The first metadata-service instance: the one the local stack provisions the demo tenant through. */
    public int metadataPort() {
        return metadataPorts.get(0);
    }

    /** The first callback-service instance: the one the local stack registers the demo endpoint through. */
    public int callbackPort() {
        return callbackPorts.get(0);
    }

    public static LaunchOptions parse(String[] args, Map<String, String> environment) {
        Map<String, String> values = new LinkedHashMap<>();
        SETTINGS.forEach((flag, setting) -> {
            String fromEnvironment = setting.environmentName() == null ? null : environment.get(setting.environmentName());
            values.put(flag, fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment : setting.defaultValue());
        });
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            String flag = arg.contains("=") ? arg.substring(2, arg.indexOf('=')) : arg.substring(2);
            if (!SETTINGS.containsKey(flag)) {
                throw new UsageException("unknown option --" + flag);
            }
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                throw new UsageException("--" + flag + " needs a value");
            }
            values.put(flag, value);
        }
        return new LaunchOptions(
                path(values.get("repo")),
                path(values.get("data-dir")),
                ports("gateway-ports", values),
                ports("credential-ports", values),
                ports("metadata-ports", values),
                ports("callback-ports", values),
                port("console-port", values),
                port("postgres-port", values),
                port("s3-port", values),
                port("redis-port", values),
                port("receiver-port", values),
                logOutput(values.get("logs")),
                positiveInt("startup-timeout", values),
                values.get("java-opts"),
                onOff("class-data-sharing", values),
                blankToNull(values.get("oidc-issuer")),
                blankToNull(values.get("oidc-jwks-uri")),
                onOff("storage-notifications", values),
                values.get("storage-notifications-prefix"),
                blankToNull(values.get("otlp-endpoint")),
                probability("trace-sampling", values));
    }

    public static boolean wantsHelp(String[] args) {
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                return true;
            }
        }
        return false;
    }

    public static String usage() {
        StringBuilder usage = new StringBuilder("Usage: ./uplink-local [options]\n\nOptions (flag / environment / default):\n");
        SETTINGS.forEach((flag, setting) -> {
            if (setting.description() != null) {
                usage.append(String.format("  --%-18s %-32s %s%n", flag + "=…",
                        setting.environmentName() == null ? "" : setting.environmentName(),
                        setting.description() + (setting.defaultValue() == null ? "" : " [" + setting.defaultValue() + "]")));
            }
        });
        usage.append("  --help                 this text\n");
        return usage.toString();
    }

    public Path resolvedDataDirectory(Path repositoryRoot) {
        return (dataDirectory == null ? repositoryRoot.resolve(".uplink-data") : dataDirectory).toAbsolutePath().normalize();
    }

    private record Setting(String environmentName, String defaultValue, String description) {
    }

    private static Map<String, Setting> settings() {
        Map<String, Setting> settings = new LinkedHashMap<>();
        settings.put("gateway-ports", new Setting("UPLINK_LOCAL_GATEWAY_PORTS", "8080", "gateway instances, comma-separated"));
        settings.put("credential-ports", new Setting("UPLINK_LOCAL_CREDENTIAL_PORTS", "8081,8082", "credential-service instances, comma-separated (≥ 2)"));
        settings.put("metadata-ports", new Setting("UPLINK_LOCAL_METADATA_PORTS", "8083", "metadata-service instances, comma-separated"));
        settings.put("callback-ports", new Setting("UPLINK_LOCAL_CALLBACK_PORTS", "8084", "callback-service instances, comma-separated"));
        settings.put("console-port", new Setting("UPLINK_LOCAL_CONSOLE_PORT", "8086", "console-service port (served through the gateway at /console)"));
        settings.put("postgres-port", new Setting("UPLINK_LOCAL_POSTGRES_PORT", "15432", "PostgreSQL port (0 = any free)"));
        settings.put("s3-port", new Setting("UPLINK_LOCAL_S3_PORT", "19000", "S3Proxy port (0 = any free)"));
        settings.put("redis-port", new Setting("UPLINK_LOCAL_REDIS_PORT", "16379", "Redis port (0 = any free)"));
        settings.put("receiver-port", new Setting("UPLINK_LOCAL_RECEIVER_PORT", "18090", "demo webhook receiver port"));
        settings.put("data-dir", new Setting("UPLINK_LOCAL_DATA_DIR", null, "where Postgres data, objects and logs live [<repo>/.uplink-data]"));
        settings.put("storage-notifications", new Setting("UPLINK_LOCAL_STORAGE_NOTIFICATIONS", "on", "bucket notifications to uplink.storage.events, as MinIO sends them: on or off"));
        settings.put("storage-notifications-prefix", new Setting("UPLINK_LOCAL_STORAGE_NOTIFICATIONS_PREFIX", "", "announce only keys under this prefix, as MinIO's --prefix (empty = all)"));
        settings.put("logs", new Setting("UPLINK_LOCAL_LOGS", "files", "files only (.uplink-data/logs) or console (also prefixed on the console)"));
        settings.put("startup-timeout", new Setting("UPLINK_LOCAL_STARTUP_TIMEOUT", "120", "seconds to wait for each service's readiness"));
        settings.put("repo", new Setting(null, null, "the Uplink checkout [found from the working directory]"));
        settings.put("oidc-issuer", new Setting("UPLINK_OIDC_ISSUER", null, "OIDC issuer whose JWTs the gateway accepts (with --oidc-jwks-uri) [none]"));
        settings.put("oidc-jwks-uri", new Setting("UPLINK_OIDC_JWKS_URI", null, "where that issuer publishes its signing keys [none]"));
        settings.put("otlp-endpoint", new Setting("UPLINK_LOCAL_OTLP_ENDPOINT", null, "OTLP/HTTP trace endpoint every service exports its spans to, e.g. http://127.0.0.1:4318/v1/traces [none]"));
        settings.put("trace-sampling", new Setting("UPLINK_LOCAL_TRACE_SAMPLING", "1.0", "share of new traces sampled, 0 to 1 (production's default is 0.1)"));
        settings.put("java-opts", new Setting("UPLINK_LOCAL_JAVA_OPTS", DEFAULT_JAVA_OPTIONS, "JVM options of the service processes"));
        settings.put("class-data-sharing", new Setting("UPLINK_LOCAL_CLASS_DATA_SHARING", "on", "services from extracted jars with class-data archives (a quicker start): on or off"));
        return settings;
    }

    private static double probability(String flag, Map<String, String> values) {
        String value = values.get(flag);
        try {
            double probability = Double.parseDouble(value);
            if (probability >= 0 && probability <= 1) {
                return probability;
            }
        } catch (NumberFormatException e) {
            // the usage error below
        }
        throw new UsageException("--" + flag + " must be a number from 0 to 1, not '" + value + "'");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Path path(String value) {
        return value == null || value.isBlank() ? null : Path.of(value);
    }

    private static int port(String flag, Map<String, String> values) {
        return parsePort(flag, values.get(flag));
    }

    private static List<Integer> ports(String flag, Map<String, String> values) {
        List<Integer> ports = new ArrayList<>();
        for (String part : values.get(flag).split(",")) {
            ports.add(parsePort(flag, part.trim()));
        }
        return ports;
    }

    private static int parsePort(String flag, String value) {
        int port;
        try {
            port = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + flag + " must be a port number, got '" + value + "'");
        }
        if (port < 0 || port > 65_535) {
            throw new UsageException("--" + flag + " must be between 0 and 65535, got " + port);
        }
        return port;
    }

    private static int positiveInt(String flag, Map<String, String> values) {
        try {
            return Integer.parseInt(values.get(flag).trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + flag + " must be a number of seconds, got '" + values.get(flag) + "'");
        }
    }

    private static boolean onOff(String flag, Map<String, String> values) {
        return switch (values.get(flag).trim().toLowerCase(java.util.Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new UsageException("--" + flag + " must be 'on' or 'off', got '" + values.get(flag) + "'");
        };
    }

    private static LogOutput logOutput(String value) {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "console" -> LogOutput.CONSOLE;
            case "files" -> LogOutput.FILES;
            default -> throw new UsageException("--logs must be 'console' or 'files', got '" + value + "'");
        };
    }
}

package io.uplink.localstack.compose;

import io.uplink.contracts.Topics;
import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.contracts.identity.IdentityAssertionSigner;
import io.uplink.contracts.identity.IdentityAssertionVerifier;
import io.uplink.contracts.identity.IdentityKeys;
import io.uplink.localstack.RepositoryRoot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine runs where this project is built, so docker-compose.yml is checked against what the services
 * actually read: their application.yml (read from the repository, so the check follows the services as they
 * evolve), the topic names of io.uplink.contracts.Topics and the env table of docs/internal-contracts.md.
 */
class DockerComposeConsistencyTest {

    private static final List<String> APPLICATIONS =
            List.of("gateway-service", "credential-service", "metadata-service", "callback-service", "console-service");
    private static final Pattern URL_AUTHORITY = Pattern.compile("(?:[a-z][a-z0-9+.-]*:)+//([A-Za-z0-9_.-]+):(\\d+)");
    private static final Pattern HEALTHCHECK_PORT = Pattern.compile("localhost:(\\d+)/actuator/health/readiness");
    /** Variables and environment entries that carry secrets. */
    private static final Pattern SECRET = Pattern.compile("SECRET|PASSWORD|ACCESS_KEY|ADMIN_KEY|PRIVATE_KEY|ROOT_USER|TOKEN");

    private static Path root;
    private static ComposeFile compose;

    @BeforeAll
    static void readComposeFile() {
        root = RepositoryRoot.locate(Path.of(""));
        compose = ComposeFile.read(root.resolve("docker-compose.yml"));
    }

    @Test
    void everyApplicationIsRunByAtLeastOneComposeService() {
        assertThat(APPLICATIONS).allSatisfy(application ->
                assertThat(containersOf(application)).as("compose services built from %s", application).isNotEmpty());
    }

    @Test
    void setsEveryPlaceholderThatAServiceConfigurationLeavesWithoutDefault() {
        List<String> missing = new ArrayList<>();
        for (String application : APPLICATIONS) {
            Set<String> required = placeholdersOf(application).stream()
                    .filter(SpringPlaceholders.Placeholder::isEnvironmentVariable)
                    .filter(SpringPlaceholders.Placeholder::required)
                    .map(SpringPlaceholders.Placeholder::name)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            for (String container : containersOf(application)) {
                Map<String, String> environment = compose.environment(container);
                required.stream().filter(name -> isBlank(environment.get(name)))
                        .forEach(name -> missing.add(container + " lacks " + name));
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void overridesEveryPlaceholderWhoseDefaultPointsAtLocalhost() {
        // Inside a container localhost is the container itself: a localhost default means a forgotten setting.
        List<String> missing = new ArrayList<>();
        for (String application : APPLICATIONS) {
            List<String> localhostDefaults = placeholdersOf(application).stream()
                    .filter(SpringPlaceholders.Placeholder::isEnvironmentVariable)
                    .filter(placeholder -> placeholder.defaultValue() != null
                            && (placeholder.defaultValue().contains("localhost") || placeholder.defaultValue().contains("127.0.0.1")))
                    .map(SpringPlaceholders.Placeholder::name)
                    .toList();
            for (String container : containersOf(application)) {
                Map<String, String> environment = compose.environment(container);
                localhostDefaults.stream().filter(name -> isBlank(environment.get(name)))
                        .forEach(name -> missing.add(container + " relies on the localhost default of " + name));
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void setsTheEnvironmentThatTheInternalContractsNameForEachService() throws IOException {
        Map<String, ContractRow> contract = internalContractsTable();
        assertThat(contract.keySet()).containsExactlyInAnyOrderElementsOf(APPLICATIONS);
        List<String> missing = new ArrayList<>();
        contract.forEach((application, row) -> {
            for (String container : containersOf(application)) {
                Map<String, String> environment = compose.environment(container);
                row.env().stream().filter(name -> isBlank(environment.get(name)))
                        .forEach(name -> missing.add(container + " lacks " + name));
                assertThat(environment.get("PORT")).as("PORT of %s (internal contracts say %s)", container, row.port())
                        .isEqualTo(String.valueOf(row.port()));
            }
        });
        assertThat(missing).isEmpty();
    }

    @Test
    void healthchecksAndPublishedPortsUseThePortTheServiceListensOn() {
        for (String application : APPLICATIONS) {
            for (String container : containersOf(application)) {
                String port = compose.environment(container).get("PORT");
                assertThat(port).as("PORT of %s", container).isNotBlank();
                Matcher healthcheck = HEALTHCHECK_PORT.matcher(healthcheckCommand(container));
                assertThat(healthcheck.find()).as("%s's healthcheck probes readiness", container).isTrue();
                String managementPort = compose.environment(container).getOrDefault("UPLINK_MANAGEMENT_PORT", port);
                assertThat(healthcheck.group(1)).as("%s's healthcheck port", container).isEqualTo(managementPort);
                for (Object published : ComposeFile.list(compose.service(container).get("ports"))) {
                    String mapping = String.valueOf(published);
                    String target = mapping.substring(mapping.lastIndexOf(':') + 1);
                    assertThat(target).as("container port of %s's mapping %s", container, mapping).isEqualTo(port);
                }
            }
        }
    }

    @Test
    void onlyTheGatewayIsPublishedAndOnPort8080() {
        assertThat(ComposeFile.list(compose.service("gateway-service").get("ports"))).containsExactly("8080:8080");
        APPLICATIONS.stream().filter(application -> !application.equals("gateway-service"))
                .flatMap(application -> containersOf(application).stream())
                .forEach(container -> assertThat(compose.service(container).get("ports"))
                        .as("%s must only be reachable through the gateway", container).isNull());
    }

    @Test
    void onlyTheGatewayAndMinioS3ApiArePublished() {
        // Browsers PUT to presigned URLs on MinIO directly; Kafka, Postgres, Redis and MinIO's console stay inside.
        Map<String, List<String>> published = new LinkedHashMap<>();
        compose.services().forEach((name, service) -> {
            List<String> ports = ComposeFile.list(service.get("ports")).stream().map(String::valueOf).toList();
            if (!ports.isEmpty()) {
                published.put(name, ports);
            }
        });
        assertThat(published).isEqualTo(Map.of("gateway-service", List.of("8080:8080"), "minio", List.of("9000:9000")));
    }

    @Test
    void theGatewayServesActuatorOnAPortThatIsNotPublished() throws IOException {
        Map<String, String> gateway = compose.environment("gateway-service");
        String management = gateway.get("UPLINK_MANAGEMENT_PORT");
        assertThat(management).as("gateway's UPLINK_MANAGEMENT_PORT").isNotBlank().isNotEqualTo(gateway.get("PORT"));
        assertThat(ComposeFile.list(compose.service("gateway-service").get("ports")))
                .noneMatch(mapping -> String.valueOf(mapping).endsWith(":" + management));
        assertThat(Files.readString(root.resolve("gateway-service/src/main/resources/application.yml")))
                .as("gateway's management.server.port follows UPLINK_MANAGEMENT_PORT")
                .containsPattern("(?m)^management:\\n  server:\\n(?:    #.*\\n)*    port: \\$\\{UPLINK_MANAGEMENT_PORT:");
    }

    @Test
    void secretsHaveNoDefaultsAndComposeRefusesToStartWithoutThem() {
        List<String> problems = new ArrayList<>();
        ComposeFile.variables(root.resolve("docker-compose.yml")).forEach((variable, operators) -> {
            if (SECRET.matcher(variable).find() && !operators.equals(Set.of(":?"))) {
                problems.add("${" + variable + "} is used with " + operators + ", not only :? (required)");
            }
        });
        compose.services().keySet().forEach(container -> compose.environment(container).forEach((name, value) -> {
            if (SECRET.matcher(name).find() && (value == null || !value.matches("<required [A-Z0-9_]+>"))) {
                problems.add(container + "." + name + " is not taken from a required variable: " + value);
            }
        }));
        assertThat(problems).isEmpty();
    }

    @Test
    void generateEnvWritesEveryRequiredVariableOnceAndEnvStaysOutOfGitAndImages(@TempDir Path directory) throws Exception {
        Path env = directory.resolve(".env");
        runGenerateEnv(env);
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(env)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                values.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        Set<String> required = ComposeFile.variables(root.resolve("docker-compose.yml")).entrySet().stream()
                .filter(entry -> entry.getValue().contains(":?")).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        assertThat(values.keySet()).containsAll(required);
        assertThat(values.values()).allSatisfy(value -> assertThat(value).matches("[A-Za-z0-9_:+/=-]{8,}"))
                .doesNotHaveDuplicates();
        // callback-service's <key id>:<base64 of 32 bytes>, URL-safe without padding: 43 characters
        assertThat(values.get("UPLINK_CALLBACK_SECRET_ENCRYPTION_KEYS")).matches("k1:[A-Za-z0-9_-]{43}");
        // each identity key pair is an Ed25519 pair: what the private key signs, the public key verifies
        for (String issuer : List.of("gateway", "credential")) {
            String prefix = "UPLINK_" + issuer.toUpperCase() + "_IDENTITY_";
            var assertion = new IdentityAssertion(issuer, "metadata", "acme", "k", List.of("tenant"),
                    Instant.now().plusSeconds(30));
            String signed = new IdentityAssertionSigner(issuer, values.get(prefix + "PRIVATE_KEY")).sign(assertion);
            assertThat(new IdentityAssertionVerifier("metadata", IdentityKeys.trustedKeys(issuer + "="
                    + values.get(prefix + "PUBLIC_KEY")), Clock.systemUTC()).verify(signed)).isEqualTo(assertion);
        }
        // an admin key of the environment the gateway accepts, registered by metadata-service at its first start
        assertThat(values.get("UPLINK_FIRST_ADMIN_KEY")).matches("upk_live_[0-9A-Za-z]{32}");
        // MinIO's limits for access keys (3-20 characters) and secret keys (8-40)
        for (String user : List.of("UPLINK_MINIO_ROOT_USER", "UPLINK_S3_ACCESS_KEY")) {
            assertThat(values.get(user)).as(user).hasSizeBetween(3, 20);
        }
        for (String secret : List.of("UPLINK_MINIO_ROOT_PASSWORD", "UPLINK_S3_SECRET_KEY")) {
            assertThat(values.get(secret)).as(secret).hasSizeBetween(8, 40);
        }
        assertThat(Files.getPosixFilePermissions(env)).containsOnly(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

        String written = Files.readString(env);
        runGenerateEnv(env);
        assertThat(env).as("an existing .env is never overwritten").hasContent(written);

        // a variable added later is appended to an existing .env, the rest stays as it was
        String withoutEncryptionKeys = written.replaceAll("(?m)^UPLINK_CALLBACK_SECRET_ENCRYPTION_KEYS=.*\\n", "");
        Files.writeString(env, withoutEncryptionKeys);
        runGenerateEnv(env);
        assertThat(Files.readString(env)).startsWith(withoutEncryptionKeys)
                .containsPattern("(?m)^UPLINK_CALLBACK_SECRET_ENCRYPTION_KEYS=k1:[A-Za-z0-9_-]{43}$");

        assertThat(Files.readAllLines(root.resolve(".gitignore"))).contains(".env");
        assertThat(Files.readAllLines(root.resolve(".dockerignore"))).contains(".env");
    }

    @Test
    void servicesSignWithABucketOnlyMinioUserThatMinioInitCreates() throws IOException {
        Map<String, String> minio = compose.environment("minio");
        Map<String, String> init = compose.environment("minio-init");
        assertThat(init.get("UPLINK_S3_ACCESS_KEY")).isNotEqualTo(minio.get("MINIO_ROOT_USER"));
        assertThat(init.get("UPLINK_S3_SECRET_KEY")).isNotEqualTo(minio.get("MINIO_ROOT_PASSWORD"));
        assertThat(script("minio-init"))
                .contains("mc admin policy create uplink \"${UPLINK_S3_POLICY}\" /uplink/service-policy.json")
                .contains("mc admin user add uplink \"${UPLINK_S3_ACCESS_KEY}\" \"${UPLINK_S3_SECRET_KEY}\"")
                .contains("mc admin policy attach uplink \"${UPLINK_S3_POLICY}\" --user \"${UPLINK_S3_ACCESS_KEY}\"");
        assertThat(ComposeFile.list(compose.service("minio-init").get("volumes")))
                .contains("./infra/docker/minio/service-policy.json:/uplink/service-policy.json:ro");

        // The policy allows named S3 actions on the uploads bucket and its objects, nothing else.
        String bucket = "arn:aws:s3:::" + bucketOfServices();
        Map<String, Object> policy = ComposeFile.map(new org.yaml.snakeyaml.Yaml().load(
                Files.readString(root.resolve("infra/docker/minio/service-policy.json"))));
        Set<String> resources = new LinkedHashSet<>();
        for (Object statement : ComposeFile.list(policy.get("Statement"))) {
            Map<String, Object> rule = ComposeFile.map(statement);
            assertThat(rule.get("Effect")).isEqualTo("Allow");
            assertThat(ComposeFile.list(rule.get("Action"))).isNotEmpty()
                    .allSatisfy(action -> assertThat(String.valueOf(action)).matches("s3:[A-Za-z]+"));
            ComposeFile.list(rule.get("Resource")).forEach(resource -> resources.add(String.valueOf(resource)));
        }
        assertThat(resources).containsExactlyInAnyOrder(bucket, bucket + "/*");

        // Root credentials stay with MinIO and minio-init.
        List<String> holders = compose.services().keySet().stream()
                .filter(container -> compose.environment(container).values().stream()
                        .anyMatch(value -> value != null && value.contains("UPLINK_MINIO_ROOT_")))
                .toList();
        assertThat(holders).containsExactlyInAnyOrder("minio", "minio-init");
    }

    @Test
    void everyUrlInTheEnvironmentNamesAComposeServiceAndThePortItListensOn() {
        Map<String, Map<String, Object>> services = compose.services();
        List<String> problems = new ArrayList<>();
        for (String container : services.keySet()) {
            compose.environment(container).forEach((name, value) -> {
                if (value == null) {
                    return;
                }
                List<String[]> authorities = new ArrayList<>();
                Matcher url = URL_AUTHORITY.matcher(value);
                while (url.find()) {
                    authorities.add(new String[]{url.group(1), url.group(2)});
                }
                if (name.endsWith("_BOOTSTRAP") || name.contains("KAFKA_BROKERS")) {
                    Arrays.stream(value.split(",")).map(String::trim)
                            .forEach(hostPort -> authorities.add(hostPort.split(":", 2)));
                }
                for (String[] authority : authorities) {
                    String host = authority[0];
                    if (host.equals("localhost") && name.equals("UPLINK_S3_PUBLIC_ENDPOINT")) {
                        continue; // used by clients on the host, through MinIO's published port
                    }
                    if (!services.containsKey(host)) {
                        problems.add(container + "." + name + " names unknown host " + host);
                    } else if (!authority[1].equals(listeningPort(host))
                            && !authority[1].equals(compose.environment(host).get("UPLINK_MANAGEMENT_PORT"))) {
                        problems.add(container + "." + name + " calls " + host + " on " + authority[1]
                                + " but it listens on " + listeningPort(host));
                    }
                }
            });
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void kafkaInitCreatesTheContractTopicsAndTheirDeadLetterTopics() {
        List<String> topics = List.of(compose.environment("kafka-init").get("UPLINK_TOPICS").trim().split("\\s+"));
        List<String> contractTopics = Stream.of(Topics.UPLOADS_COMPLETED, Topics.STORAGE_EVENTS, Topics.FILES_EVENTS,
                        Topics.TENANTS_EVENTS)
                .flatMap(topic -> Stream.of(topic, Topics.deadLetter(topic)))
                .toList();
        assertThat(topics).containsExactlyInAnyOrderElementsOf(contractTopics);
        assertThat(compose.environment("kafka").get("KAFKA_AUTO_CREATE_TOPICS_ENABLE")).isEqualTo("false");
        assertThat(script("kafka-init")).contains("--create --if-not-exists").contains("${UPLINK_TOPICS}");
    }

    @Test
    void kafkaRunsAsASingleKraftNodeWithAClusterIdKafkaAccepts() {
        Map<String, String> kafka = compose.environment("kafka");
        assertThat(kafka.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
        assertThat(kafka.get("KAFKA_CONTROLLER_QUORUM_VOTERS")).isEqualTo(kafka.get("KAFKA_NODE_ID") + "@kafka:9093");
        // kafka-storage format refuses anything but a base64url-encoded UUID
        assertThat(org.apache.kafka.common.Uuid.fromString(kafka.get("CLUSTER_ID")).toString()).isEqualTo(kafka.get("CLUSTER_ID"));
        assertThat(String.valueOf(compose.service("kafka").get("image"))).startsWith("apache/kafka:");
    }

    @Test
    void minioPublishesObjectEventsOfTheUploadsBucketToTheStorageEventsTopic() {
        Map<String, String> minio = compose.environment("minio");
        String targetId = minio.keySet().stream()
                .filter(name -> name.startsWith("MINIO_NOTIFY_KAFKA_ENABLE_"))
                .map(name -> name.substring("MINIO_NOTIFY_KAFKA_ENABLE_".length()))
                .findFirst().orElseThrow(() -> new AssertionError("minio has no MINIO_NOTIFY_KAFKA_ENABLE_<ID>"));
        assertThat(minio.get("MINIO_NOTIFY_KAFKA_ENABLE_" + targetId)).isEqualTo("on");
        assertThat(minio.get("MINIO_NOTIFY_KAFKA_TOPIC_" + targetId)).isEqualTo(Topics.STORAGE_EVENTS);
        assertThat(minio.get("MINIO_NOTIFY_KAFKA_BROKERS_" + targetId)).isEqualTo(kafkaBootstrapOfServices());

        Map<String, String> init = compose.environment("minio-init");
        assertThat(init.get("MINIO_NOTIFY_ARN")).isEqualTo("arn:minio:sqs::" + targetId + ":kafka");
        assertThat(init.get("UPLINK_S3_BUCKET")).isEqualTo(bucketOfServices());
        assertThat(init.get("MINIO_ROOT_USER")).isEqualTo(minio.get("MINIO_ROOT_USER"));
        assertThat(init.get("MINIO_ROOT_PASSWORD")).isEqualTo(minio.get("MINIO_ROOT_PASSWORD"));
        assertThat(String.valueOf(compose.service("minio-init").get("image"))).startsWith("minio/mc:");
        // put = s3:ObjectCreated:*, delete = s3:ObjectRemoved:*
        assertThat(script("minio-init"))
                .contains("mc mb --ignore-existing \"uplink/${UPLINK_S3_BUCKET}\"")
                .contains("mc event add \"uplink/${UPLINK_S3_BUCKET}\" \"${MINIO_NOTIFY_ARN}\" --event put,delete");
    }

    @Test
    void everyServiceUsesTheBucketAndCredentialsMinioIsSetUpWith() {
        Map<String, String> minio = compose.environment("minio");
        for (String container : containersWith("UPLINK_S3_BUCKET")) {
            Map<String, String> environment = compose.environment(container);
            if (container.equals("minio-init")) {
                continue;
            }
            assertThat(environment.get("UPLINK_S3_BUCKET")).as(container).isEqualTo("uplink-uploads");
            // the user minio-init creates for them, not MinIO's root
            assertThat(environment.get("UPLINK_S3_ACCESS_KEY")).as(container)
                    .isEqualTo(compose.environment("minio-init").get("UPLINK_S3_ACCESS_KEY"))
                    .isNotEqualTo(minio.get("MINIO_ROOT_USER"));
            assertThat(environment.get("UPLINK_S3_SECRET_KEY")).as(container)
                    .isEqualTo(compose.environment("minio-init").get("UPLINK_S3_SECRET_KEY"))
                    .isNotEqualTo(minio.get("MINIO_ROOT_PASSWORD"));
        }
        assertThat(containersWith("UPLINK_S3_BUCKET")).contains("metadata-service", "minio-init")
                .containsAll(containersOf("credential-service"));
    }

    @Test
    void runsAtLeastTwoCredentialReplicasAllBehindTheGateway() {
        List<String> replicas = containersOf("credential-service");
        assertThat(replicas).hasSizeGreaterThanOrEqualTo(2);
        Set<String> listed = Arrays.stream(compose.environment("gateway-service").get("UPLINK_CREDENTIAL_INSTANCES").split(","))
                .map(String::trim).map(URI::create).map(URI::getHost).collect(Collectors.toSet());
        assertThat(listed).containsExactlyInAnyOrderElementsOf(replicas);
        for (String replica : replicas) {
            assertThat(compose.service("gateway-service").get("depends_on"))
                    .as("gateway waits for %s", replica).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .containsKey(replica);
        }
    }

    @Test
    void postgresRunsWithLogicalWalAndServicesUseItsDatabaseAndUser() {
        List<String> command = ComposeFile.list(compose.service("postgres").get("command")).stream().map(String::valueOf).toList();
        assertThat(command).containsSubsequence("-c", "wal_level=logical");
        assertThat(String.valueOf(compose.service("postgres").get("image"))).startsWith("postgres:17");
        Map<String, String> postgres = compose.environment("postgres");
        for (String container : containersWith("UPLINK_DB_URL")) {
            Map<String, String> environment = compose.environment(container);
            assertThat(environment.get("UPLINK_DB_URL")).as(container).endsWith("/" + postgres.get("POSTGRES_DB"));
            assertThat(environment.get("UPLINK_DB_USER")).as(container).isEqualTo(postgres.get("POSTGRES_USER"));
            assertThat(environment.get("UPLINK_DB_PASSWORD")).as(container).isEqualTo(postgres.get("POSTGRES_PASSWORD"));
        }
    }

    @Test
    void everyLongRunningServiceHasAHealthcheckAndDependenciesWaitForIt() {
        Map<String, Map<String, Object>> services = compose.services();
        List<String> problems = new ArrayList<>();
        services.forEach((name, service) -> {
            boolean oneShot = "no".equals(String.valueOf(service.get("restart")));
            if (!oneShot && service.get("healthcheck") == null) {
                problems.add(name + " has no healthcheck");
            }
            ComposeFile.map(service.get("depends_on")).forEach((dependency, condition) -> {
                Map<String, Object> target = services.get(dependency);
                String expected = target == null ? null
                        : "no".equals(String.valueOf(target.get("restart"))) ? "service_completed_successfully" : "service_healthy";
                Object actual = ComposeFile.map(condition).get("condition");
                if (target == null) {
                    problems.add(name + " depends on unknown " + dependency);
                } else if (!expected.equals(actual)) {
                    problems.add(name + " waits for " + dependency + " with " + actual + ", expected " + expected);
                }
            });
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void eachServiceHoldsOnlyItsOwnPrivateKeyAndThePublicKeysItVerifiesWith() {
        // the keys themselves are generate-env's to write, see above
        String gatewayKey = "gateway=" + ComposeFile.required("UPLINK_GATEWAY_IDENTITY_PUBLIC_KEY");
        String credentialKey = "credential=" + ComposeFile.required("UPLINK_CREDENTIAL_IDENTITY_PUBLIC_KEY");
        Map<String, List<String>> expected = Map.of(
                "gateway-service", Arrays.asList(ComposeFile.required("UPLINK_GATEWAY_IDENTITY_PRIVATE_KEY"), credentialKey),
                "credential-service", Arrays.asList(ComposeFile.required("UPLINK_CREDENTIAL_IDENTITY_PRIVATE_KEY"),
                        gatewayKey + "," + credentialKey),
                "metadata-service", Arrays.asList(null, gatewayKey + "," + credentialKey),
                "callback-service", Arrays.asList(null, gatewayKey),
                // the console verifies no assertions: it calls the public API through the gateway like any client
                "console-service", Arrays.asList(null, null));
        assertThat(expected.keySet()).containsExactlyInAnyOrderElementsOf(APPLICATIONS);
        expected.forEach((application, keys) -> containersOf(application).forEach(container -> {
            Map<String, String> environment = compose.environment(container);
            assertThat(Arrays.asList(environment.get("UPLINK_IDENTITY_PRIVATE_KEY"),
                    environment.get("UPLINK_IDENTITY_TRUSTED_KEYS"))).as(container).isEqualTo(keys);
        }));
    }

    @Test
    void imagesAreBuiltFromThisRepositoryAndMountedScriptsExist() {
        Map<String, Map<String, Object>> services = compose.services();
        services.forEach((name, service) -> {
            Map<String, Object> build = ComposeFile.map(service.get("build"));
            if (!build.isEmpty()) {
                assertThat(root.resolve(String.valueOf(build.get("dockerfile")))).as("%s's Dockerfile", name).isRegularFile();
                String module = compose.applicationModule(name).orElseThrow();
                assertThat(root.resolve(module).resolve("pom.xml")).as("%s's module", name).isRegularFile();
            }
            for (Object volume : ComposeFile.list(service.get("volumes"))) {
                String source = String.valueOf(volume).split(":")[0];
                if (source.startsWith("./")) {
                    assertThat(root.resolve(source)).as("%s mounts %s", name, source).isRegularFile();
                }
            }
        });
        assertThat(root.resolve("infra/docker/service.Dockerfile")).content()
                .contains("ARG SERVICE").contains("${SERVICE}/target/${SERVICE}-*-exec.jar").contains("./mvnw");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private record ContractRow(int port, Set<String> env) {
    }

    /** The "Ports and environment" table of docs/internal-contracts.md, UPLINK_S3_* expanded. */
    private static Map<String, ContractRow> internalContractsTable() throws IOException {
        Map<String, ContractRow> rows = new LinkedHashMap<>();
        Pattern row = Pattern.compile("^\\|\\s*([a-z-]+-service)\\s*\\|\\s*(\\d+)[^|]*\\|(.*)\\|\\s*$");
        Pattern name = Pattern.compile("`([A-Z0-9_*]+)`");
        for (String line : Files.readAllLines(root.resolve("docs/internal-contracts.md"))) {
            Matcher matcher = row.matcher(line);
            if (matcher.matches()) {
                Set<String> env = new LinkedHashSet<>();
                Matcher names = name.matcher(matcher.group(3));
                while (names.find()) {
                    if (names.group(1).equals("UPLINK_S3_*")) {
                        env.addAll(List.of("UPLINK_S3_ENDPOINT", "UPLINK_S3_REGION", "UPLINK_S3_ACCESS_KEY",
                                "UPLINK_S3_SECRET_KEY", "UPLINK_S3_BUCKET"));
                    } else {
                        env.add(names.group(1));
                    }
                }
                rows.put(matcher.group(1), new ContractRow(Integer.parseInt(matcher.group(2)), env));
            }
        }
        return rows;
    }

    private static List<SpringPlaceholders.Placeholder> placeholdersOf(String application) {
        Path resources = root.resolve(application).resolve("src/main/resources");
        List<SpringPlaceholders.Placeholder> placeholders = new ArrayList<>();
        for (String file : List.of("application.yml", "application.yaml", "application.properties")) {
            if (Files.isRegularFile(resources.resolve(file))) {
                placeholders.addAll(SpringPlaceholders.in(resources.resolve(file)));
            }
        }
        assertThat(placeholders).as("placeholders in %s's configuration", application).isNotEmpty();
        return placeholders;
    }

    private static List<String> containersOf(String application) {
        return compose.services().keySet().stream()
                .filter(name -> compose.applicationModule(name).filter(application::equals).isPresent())
                .toList();
    }

    private static List<String> containersWith(String variable) {
        return compose.services().keySet().stream()
                .filter(name -> compose.environment(name).containsKey(variable))
                .toList();
    }

    private static String listeningPort(String service) {
        Map<String, String> environment = compose.environment(service);
        if (environment.containsKey("PORT")) {
            return environment.get("PORT");
        }
        if (environment.containsKey("KAFKA_ADVERTISED_LISTENERS")) {
            Matcher plaintext = Pattern.compile("PLAINTEXT://[^:]+:(\\d+)").matcher(environment.get("KAFKA_ADVERTISED_LISTENERS"));
            return plaintext.find() ? plaintext.group(1) : "?";
        }
        // The images' own defaults, which docker-compose.yml does not change.
        return switch (service) {
            case "postgres" -> "5432";
            case "minio" -> "9000";
            case "redis" -> "6379";
            default -> "?";
        };
    }

    private static String kafkaBootstrapOfServices() {
        Set<String> bootstraps = containersWith("UPLINK_KAFKA_BOOTSTRAP").stream()
                .map(container -> compose.environment(container).get("UPLINK_KAFKA_BOOTSTRAP"))
                .collect(Collectors.toSet());
        assertThat(bootstraps).hasSize(1);
        return bootstraps.iterator().next();
    }

    private static String bucketOfServices() {
        Set<String> buckets = APPLICATIONS.stream().flatMap(application -> containersOf(application).stream())
                .map(container -> compose.environment(container).get("UPLINK_S3_BUCKET"))
                .filter(bucket -> bucket != null)
                .collect(Collectors.toSet());
        assertThat(buckets).hasSize(1);
        return buckets.iterator().next();
    }

    private static String healthcheckCommand(String container) {
        Object test = ComposeFile.map(compose.service(container).get("healthcheck")).get("test");
        return ComposeFile.list(test).stream().map(String::valueOf).collect(Collectors.joining(" "));
    }

    private static String script(String container) {
        for (Object volume : ComposeFile.list(compose.service(container).get("volumes"))) {
            String source = String.valueOf(volume).split(":")[0];
            if (source.endsWith(".sh")) {
                try {
                    return Files.readString(root.resolve(source));
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
        }
        throw new AssertionError(container + " mounts no script");
    }

    private static void runGenerateEnv(Path env) throws Exception {
        Process process = new ProcessBuilder("bash", root.resolve("infra/docker/generate-env").toString(), env.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("generate-env: %s", output).isZero();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank() || value.contains("<unset ");
    }
}

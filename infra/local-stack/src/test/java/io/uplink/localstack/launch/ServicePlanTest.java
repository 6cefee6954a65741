package io.uplink.localstack.launch;

import io.uplink.localstack.RepositoryRoot;
import io.uplink.testsupport.KafkaEndpoint;
import io.uplink.testsupport.PostgresEndpoint;
import io.uplink.testsupport.RedisEndpoint;
import io.uplink.testsupport.S3Endpoint;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ServicePlanTest {

    private static final ServicePlan.Infrastructure INFRASTRUCTURE = new ServicePlan.Infrastructure(
            new PostgresEndpoint("127.0.0.1", 15432, "uplink", "postgres", "postgres"),
            new KafkaEndpoint("localhost:40123"),
            new S3Endpoint(URI.create("http://127.0.0.1:19000"), "us-east-1", "access", "secret-key", "uplink-uploads"),
            new RedisEndpoint("127.0.0.1", 16379));

    private final List<ServiceSpec> services =
            ServicePlan.services(LaunchOptions.parse(new String[0], Map.of()), INFRASTRUCTURE);

    @Test
    void startsEveryServiceWithTwoCredentialInstancesAndTheGatewayLast() {
        assertThat(services).extracting(ServiceSpec::name)
                .containsExactly("metadata", "callback", "credential-1", "credential-2", "console", "gateway");
        assertThat(services).extracting(ServiceSpec::port).containsExactly(8083, 8084, 8081, 8082, 8086, 8080);
        assertThat(services).allSatisfy(service ->
                assertThat(service.environment()).containsEntry("PORT", String.valueOf(service.port())));
    }

    @Test
    void setsEveryVariableTheInternalContractsNameForEachService() throws IOException {
        Map<String, Set<String>> contract = contractEnvironment();
        assertThat(contract).hasSize(5);
        for (ServiceSpec service : services) {
            assertThat(service.environment()).as(service.name()).containsKeys(contract.get(service.module()).toArray(String[]::new));
        }
    }

    @Test
    void theGatewayBalancesOverBothCredentialInstancesAndCallsTheOtherServicesLocally() {
        Map<String, String> gateway = service("gateway").environment();

        assertThat(gateway)
                .containsEntry("UPLINK_CREDENTIAL_INSTANCES", "http://127.0.0.1:8081,http://127.0.0.1:8082")
                .containsEntry("UPLINK_METADATA_URL", "http://127.0.0.1:8083")
                .containsEntry("UPLINK_CALLBACK_URL", "http://127.0.0.1:8084")
                .containsEntry("UPLINK_REDIS_HOST", "127.0.0.1")
                .containsEntry("UPLINK_REDIS_PORT", "16379")
                .containsEntry("UPLINK_ENVIRONMENT", "local");
    }

    @Test
    void servicesGetTheEmbeddedServersAndOneSharedIdentitySecret() {
        assertThat(service("metadata").environment())
                .containsEntry("UPLINK_DB_URL", "jdbc:postgresql://127.0.0.1:15432/uplink")
                .containsEntry("UPLINK_KAFKA_BOOTSTRAP", "localhost:40123")
                .containsEntry("UPLINK_S3_ENDPOINT", "http://127.0.0.1:19000")
                .containsEntry("UPLINK_S3_BUCKET", "uplink-uploads")
                .containsEntry("UPLINK_S3_PATH_STYLE", "true");
        assertThat(service("credential-1").environment())
                .containsEntry("UPLINK_DB_URL", "jdbc:postgresql://127.0.0.1:15432/uplink");
        assertThat(service("callback").environment())
                .containsEntry("UPLINK_CALLBACK_ALLOW_HTTP", "true")
                .containsEntry("UPLINK_CALLBACK_ALLOWED_NETWORKS", "127.0.0.0/8,::1/128")
                .containsEntry("UPLINK_CALLBACK_SECRET_ENCRYPTION_KEYS", ServicePlan.LOCAL_SECRET_ENCRYPTION_KEYS);
        assertThat(service("credential-2").environment()).containsEntry("UPLINK_METADATA_URL", "http://127.0.0.1:8083");
        String gatewayKey = "gateway=" + LocalIdentityKeys.GATEWAY_PUBLIC_KEY;
        String credentialKey = "credential=" + LocalIdentityKeys.CREDENTIAL_PUBLIC_KEY;
        assertThat(service("gateway").environment())
                .containsEntry("UPLINK_IDENTITY_PRIVATE_KEY", LocalIdentityKeys.GATEWAY_PRIVATE_KEY)
                .containsEntry("UPLINK_IDENTITY_TRUSTED_KEYS", credentialKey);
        assertThat(service("credential-2").environment())
                .containsEntry("UPLINK_IDENTITY_PRIVATE_KEY", LocalIdentityKeys.CREDENTIAL_PRIVATE_KEY)
                .containsEntry("UPLINK_IDENTITY_TRUSTED_KEYS", gatewayKey + "," + credentialKey);
        assertThat(service("metadata").environment()).doesNotContainKey("UPLINK_IDENTITY_PRIVATE_KEY")
                .containsEntry("UPLINK_IDENTITY_TRUSTED_KEYS", gatewayKey + "," + credentialKey);
        assertThat(service("callback").environment()).doesNotContainKey("UPLINK_IDENTITY_PRIVATE_KEY")
                .containsEntry("UPLINK_IDENTITY_TRUSTED_KEYS", gatewayKey);
        assertThat(service("console").environment()).doesNotContainKeys("UPLINK_IDENTITY_PRIVATE_KEY",
                "UPLINK_IDENTITY_TRUSTED_KEYS");
    }

    @Test
    void followsPortsChosenOnTheCommandLine() {
        List<ServiceSpec> moved = ServicePlan.services(LaunchOptions.parse(
                new String[]{"--gateway-ports=9080", "--credential-ports=9181,9182,9183", "--metadata-ports=9083"}, Map.of()), INFRASTRUCTURE);

        assertThat(moved).extracting(ServiceSpec::name).contains("credential-3");
        ServiceSpec gateway = moved.get(moved.size() - 1);
        assertThat(gateway.port()).isEqualTo(9080);
        assertThat(gateway.environment())
                .containsEntry("UPLINK_CREDENTIAL_INSTANCES", "http://127.0.0.1:9181,http://127.0.0.1:9182,http://127.0.0.1:9183")
                .containsEntry("UPLINK_METADATA_URL", "http://127.0.0.1:9083");
        assertThat(gateway.readinessUrl()).isEqualTo("http://127.0.0.1:9080/actuator/health/readiness");
    }

    @Test
    void severalInstancesOfAServiceDifferOnlyInTheirPortAndEveryCallerListsThemAll() {
        List<ServiceSpec> scaled = ServicePlan.services(LaunchOptions.parse(new String[]{"--gateway-ports=8080,8090",
                "--metadata-ports=8083,8085", "--callback-ports=8084,8087"}, Map.of()), INFRASTRUCTURE);

        assertThat(scaled).extracting(ServiceSpec::name).containsExactly("metadata", "metadata-2", "callback", "callback-2",
                "credential-1", "credential-2", "console", "gateway", "gateway-2");
        for (String[] pair : new String[][]{{"metadata", "metadata-2"}, {"callback", "callback-2"}, {"gateway", "gateway-2"}}) {
            ServiceSpec first = named(scaled, pair[0]);
            ServiceSpec second = named(scaled, pair[1]);
            Map<String, String> expected = new LinkedHashMap<>(first.environment());
            expected.put("PORT", String.valueOf(second.port()));
            assertThat(second.environment()).as(pair[1]).isEqualTo(expected);
        }
        assertThat(named(scaled, "gateway").environment())
                .containsEntry("UPLINK_METADATA_URL", "http://127.0.0.1:8083,http://127.0.0.1:8085")
                .containsEntry("UPLINK_CALLBACK_URL", "http://127.0.0.1:8084,http://127.0.0.1:8087");
        assertThat(named(scaled, "credential-1").environment())
                .containsEntry("UPLINK_METADATA_URL", "http://127.0.0.1:8083,http://127.0.0.1:8085");
        assertThat(named(scaled, "console").environment()).containsEntry("UPLINK_GATEWAY_URL", "http://127.0.0.1:8080");
        assertThat(named(scaled, "metadata-2").environment()).as("two instances share three partitions, none left over")
                .containsEntry("UPLINK_KAFKA_CONSUMER_THREADS", "2");
        assertThat(named(services, "callback").environment()).as("one instance consumes every partition")
                .containsEntry("UPLINK_KAFKA_CONSUMER_THREADS", "3");
    }

    private static ServiceSpec named(List<ServiceSpec> services, String name) {
        return services.stream().filter(spec -> spec.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theConsoleChecksTheHealthOfEveryInstanceOnItsOwnPort() {
        assertThat(service("console").environment())
                .containsEntry("UPLINK_GATEWAY_URL", "http://127.0.0.1:8080")
                .containsEntry("UPLINK_KAFKA_BOOTSTRAP", "localhost:40123")
                .containsEntry("UPLINK_CONSOLE_INSTANCES", "metadata=http://127.0.0.1:8083,callback=http://127.0.0.1:8084,"
                        + "credential-1=http://127.0.0.1:8081,credential-2=http://127.0.0.1:8082,"
                        + "console=http://127.0.0.1:8086,gateway=http://127.0.0.1:8080");

        List<ServiceSpec> withStandby = ServicePlan.services(LaunchOptions.parse(
                new String[]{"--metadata-ports=8083,8085", "--credential-ports=9181,9182,9183"}, Map.of()), INFRASTRUCTURE);
        assertThat(withStandby).filteredOn(spec -> spec.name().equals("console")).singleElement()
                .satisfies(console -> assertThat(console.environment().get("UPLINK_CONSOLE_INSTANCES"))
                        .startsWith("metadata=http://127.0.0.1:8083,metadata-2=http://127.0.0.1:8085,")
                        .contains("credential-3=http://127.0.0.1:9183,").doesNotContain("8081"));
        assertThat(services).filteredOn(spec -> !spec.name().equals("console"))
                .allSatisfy(spec -> assertThat(spec.environment()).doesNotContainKey("UPLINK_CONSOLE_INSTANCES"));
        assertThat(service("gateway").environment()).containsEntry("UPLINK_CONSOLE_URL", "http://127.0.0.1:8086");
    }

    @Test
    void theFirstAdminKeyGoesToMetadataServiceOnlyWhichRegistersIt() {
        List<ServiceSpec> withAdmin = ServicePlan.services(LaunchOptions.parse(new String[0], Map.of()), INFRASTRUCTURE,
                "upk_local_" + "A".repeat(32));

        assertThat(withAdmin).filteredOn(spec -> spec.environment().containsKey("UPLINK_FIRST_ADMIN_KEY"))
                .extracting(ServiceSpec::name).containsExactly("metadata");
        assertThat(services).allSatisfy(spec -> assertThat(spec.environment()).doesNotContainKey("UPLINK_FIRST_ADMIN_KEY"));
    }

    @Test
    void theGatewayAcceptsAnOidcIssuersTokensOnlyWhenOneIsGiven() {
        assertThat(service("gateway").environment()).doesNotContainKeys("UPLINK_OIDC_ISSUER", "UPLINK_OIDC_JWKS_URI");

        List<ServiceSpec> withIssuer = ServicePlan.services(LaunchOptions.parse(new String[]{
                "--oidc-issuer=https://idp.example.com", "--oidc-jwks-uri=http://127.0.0.1:9999/jwks"}, Map.of()), INFRASTRUCTURE);

        assertThat(withIssuer.get(withIssuer.size() - 1).environment())
                .containsEntry("UPLINK_OIDC_ISSUER", "https://idp.example.com")
                .containsEntry("UPLINK_OIDC_JWKS_URI", "http://127.0.0.1:9999/jwks");
        assertThat(withIssuer.subList(0, withIssuer.size() - 1)).allSatisfy(service ->
                assertThat(service.environment()).doesNotContainKey("UPLINK_OIDC_ISSUER"));
        // the console signs admins in through the same provider, and sends them back through the gateway
        assertThat(withIssuer).filteredOn(spec -> spec.name().equals("console")).singleElement()
                .satisfies(console -> assertThat(console.environment())
                        .containsEntry("UPLINK_CONSOLE_OIDC_ISSUER", "https://idp.example.com")
                        .containsEntry("UPLINK_CONSOLE_OIDC_CLIENT_ID", "uplink-console")
                        .containsEntry("UPLINK_CONSOLE_PUBLIC_URL", "http://127.0.0.1:8080"));
        assertThat(service("console").environment()).doesNotContainKey("UPLINK_CONSOLE_OIDC_ISSUER");
    }

    private ServiceSpec service(String name) {
        return services.stream().filter(service -> service.name().equals(name)).findFirst().orElseThrow();
    }

    /** The "Ports and environment" table of docs/internal-contracts.md. */
    private static Map<String, Set<String>> contractEnvironment() throws IOException {
        Path contracts = RepositoryRoot.locate(Path.of("")).resolve("docs/internal-contracts.md");
        Pattern row = Pattern.compile("^\\|\\s*([a-z-]+-service)\\s*\\|[^|]*\\|(.*)\\|\\s*$");
        Pattern name = Pattern.compile("`([A-Z0-9_*]+)`");
        Map<String, Set<String>> table = new LinkedHashMap<>();
        for (String line : Files.readAllLines(contracts)) {
            Matcher matcher = row.matcher(line);
            if (matcher.matches()) {
                Set<String> names = new LinkedHashSet<>();
                Matcher found = name.matcher(matcher.group(2));
                while (found.find()) {
                    if (found.group(1).equals("UPLINK_S3_*")) {
                        names.addAll(List.of("UPLINK_S3_ENDPOINT", "UPLINK_S3_REGION", "UPLINK_S3_ACCESS_KEY",
                                "UPLINK_S3_SECRET_KEY", "UPLINK_S3_BUCKET"));
                    } else {
                        names.add(found.group(1));
                    }
                }
                table.put(matcher.group(1), names);
            }
        }
        return table;
    }
}

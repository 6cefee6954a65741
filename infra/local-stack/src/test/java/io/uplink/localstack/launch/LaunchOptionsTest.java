package io.uplink.localstack.launch;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LaunchOptionsTest {

    @Test
    void defaultsPutTheGatewayOn8080AndTwoCredentialInstancesOn8081And8082() {
        LaunchOptions options = LaunchOptions.parse(new String[0], Map.of());

        assertThat(options.gatewayPort()).isEqualTo(8080);
        assertThat(options.credentialPorts()).containsExactly(8081, 8082);
        assertThat(options.metadataPort()).isEqualTo(8083);
        assertThat(List.of(options.gatewayPorts(), options.metadataPorts(), options.callbackPorts()))
                .as("one gateway, metadata- and callback-service unless asked").allSatisfy(ports -> assertThat(ports).hasSize(1));
        assertThat(options.callbackPort()).isEqualTo(8084);
        assertThat(options.logOutput()).as("service output to files unless asked").isEqualTo(LaunchOptions.LogOutput.FILES);
        assertThat(options.dataDirectory()).isNull();
        assertThat(options.resolvedDataDirectory(Path.of("/repo"))).isEqualTo(Path.of("/repo/.uplink-data"));
    }

    @Test
    void acceptsFlagsWithEqualsSignOrSeparateValue() {
        LaunchOptions options = LaunchOptions.parse(
                new String[]{"--gateway-ports=9080", "--credential-ports", "9081, 9082,9085", "--logs=console", "--data-dir", "/tmp/u"},
                Map.of());

        assertThat(options.gatewayPort()).isEqualTo(9080);
        assertThat(options.credentialPorts()).containsExactly(9081, 9082, 9085);
        assertThat(options.logOutput()).isEqualTo(LaunchOptions.LogOutput.CONSOLE);
        assertThat(options.resolvedDataDirectory(Path.of("/repo"))).isEqualTo(Path.of("/tmp/u"));
    }

    @Test
    void environmentOverridesDefaultsAndFlagsOverrideEnvironment() {
        Map<String, String> environment = Map.of("UPLINK_LOCAL_GATEWAY_PORTS", "7080", "UPLINK_LOCAL_METADATA_PORTS", "7083");

        LaunchOptions options = LaunchOptions.parse(new String[]{"--gateway-ports=6080"}, environment);

        assertThat(options.gatewayPort()).isEqualTo(6080);
        assertThat(options.metadataPort()).isEqualTo(7083);
    }

    @Test
    void anOidcIssuerNeedsItsJwksUri() {
        assertThatThrownBy(() -> LaunchOptions.parse(new String[]{"--oidc-issuer=https://idp.example.com"}, Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("--oidc-jwks-uri");
        assertThat(LaunchOptions.parse(new String[0], Map.of("UPLINK_OIDC_ISSUER", "https://idp.example.com",
                "UPLINK_OIDC_JWKS_URI", "https://idp.example.com/jwks")).oidcJwksUri()).isEqualTo("https://idp.example.com/jwks");
        assertThat(LaunchOptions.parse(new String[0], Map.of()).oidcIssuer()).isNull();
    }

    @Test
    void rejectsUnknownOptionsAndStrayArguments() {
        assertThatThrownBy(() -> LaunchOptions.parse(new String[]{"--gatway-ports=1"}, Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("unknown option --gatway-ports");
        assertThatThrownBy(() -> LaunchOptions.parse(new String[]{"8080"}, Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("unexpected argument '8080'");
        assertThatThrownBy(() -> LaunchOptions.parse(new String[]{"--gateway-ports"}, Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("--gateway-ports needs a value");
    }

    @Test
    void rejectsPortsThatAreNotPortNumbers() {
        assertThatThrownBy(() -> LaunchOptions.parse(new String[]{"--gateway-ports=http"}, Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("must be a port number, got 'http'");
        assertThatThrownBy(() -> LaunchOptions.parse(new String[]{"--redis-port=70000"}, Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("between 0 and 65535");
        assertThatThrownBy(() -> LaunchOptions.parse(new String[0], Map.of("UPLINK_LOCAL_CALLBACK_PORTS", "-1")))
                .isInstanceOf(UsageException.class).hasMessageContaining("between 0 and 65535");
    }

    @Test
    void rejectsTheSamePortForTwoComponents() {
        assertThatThrownBy(() -> LaunchOptions.parse(new String[]{"--metadata-ports=8080"}, Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("port 8080 is given to two components");
        assertThatThrownBy(() -> LaunchOptions.parse(new String[]{"--credential-ports=8081,8081"}, Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("port 8081");
        assertThatThrownBy(() -> LaunchOptions.parse(new String[]{"--metadata-ports=8085,8084"}, Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("port 8084 is given to two components");
    }

    @Test
    void letsInfrastructureButNotServicesTakeAnyFreePort() {
        LaunchOptions options = LaunchOptions.parse(new String[]{"--postgres-port=0", "--redis-port=0", "--s3-port=0"}, Map.of());
        assertThat(List.of(options.postgresPort(), options.redisPort(), options.s3Port())).containsOnly(0);

        assertThatThrownBy(() -> LaunchOptions.parse(new String[]{"--gateway-ports=8080,0"}, Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("service ports must be fixed");
    }

    @Test
    void runsSeveralInstancesOfEveryServiceWhenGivenSeveralPorts() {
        LaunchOptions options = LaunchOptions.parse(new String[]{"--gateway-ports=9080,9090", "--credential-ports=9081,9082,9083",
                "--metadata-ports=9084,9085,9086", "--callback-ports=9087,9088,9089"}, Map.of());

        assertThat(options.gatewayPorts()).containsExactly(9080, 9090);
        assertThat(options.metadataPorts()).containsExactly(9084, 9085, 9086);
        assertThat(options.callbackPorts()).containsExactly(9087, 9088, 9089);
        assertThat(options.gatewayPort()).as("the first gateway, where the quick start points").isEqualTo(9080);
    }

    @Test
    void requiresAtLeastTwoCredentialInstances() {
        assertThatThrownBy(() -> LaunchOptions.parse(new String[]{"--credential-ports=8081"}, Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("at least two ports");
    }

    @Test
    void storageNotificationsAreOnUnlessTurnedOff() {
        assertThat(LaunchOptions.parse(new String[0], Map.of()).storageNotifications()).isTrue();
        assertThat(LaunchOptions.parse(new String[]{"--storage-notifications=off"}, Map.of()).storageNotifications())
                .isFalse();
        assertThat(LaunchOptions.parse(new String[0], Map.of("UPLINK_LOCAL_STORAGE_NOTIFICATIONS", "OFF"))
                .storageNotifications()).isFalse();
        assertThatThrownBy(() -> LaunchOptions.parse(new String[]{"--storage-notifications=maybe"}, Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("'on' or 'off'");
    }

    @Test
    void rejectsAnUnknownLogOutput() {
        assertThatThrownBy(() -> LaunchOptions.parse(new String[]{"--logs=syslog"}, Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("'console' or 'files'");
    }

    @Test
    void recognisesHelpAnywhereAndDocumentsEveryOptionWithItsEnvironmentName() {
        assertThat(LaunchOptions.wantsHelp(new String[]{"--gateway-ports=1", "--help"})).isTrue();
        assertThat(LaunchOptions.wantsHelp(new String[]{"-h"})).isTrue();
        assertThat(LaunchOptions.wantsHelp(new String[]{"--logs=files"})).isFalse();
        assertThat(LaunchOptions.usage()).contains("--gateway-ports", "UPLINK_LOCAL_GATEWAY_PORTS", "[8080]", "--metadata-ports", "--callback-ports",
                "--credential-ports", "[8081,8082]", "--data-dir", "--logs");
    }
}

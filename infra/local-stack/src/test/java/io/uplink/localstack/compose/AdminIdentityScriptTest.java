package io.uplink.localstack.compose;

import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.contracts.identity.IdentityAssertionCodec;
import io.uplink.localstack.RepositoryRoot;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** infra/docker/admin-identity (what infra/README.md has the first tenant created with) signs as the services do. */
class AdminIdentityScriptTest {

    private static final String SECRET = "compose-test-identity-secret-0123456789abcdef";

    @Test
    void printsAnAdminAssertionTheServicesAccept() throws Exception {
        String assertion = run(SECRET);

        IdentityAssertion verified = new IdentityAssertionCodec(SECRET, Clock.systemUTC()).verify(assertion);
        assertThat(verified.isAdmin()).isTrue();
        assertThat(verified.tenantId()).isNull();
        assertThat(verified.expiresAt()).isBetween(Instant.now().plus(Duration.ofMinutes(4)), Instant.now().plus(Duration.ofMinutes(6)));
        assertThatThrownBy(() -> new IdentityAssertionCodec(SECRET.replace('0', '1'), Clock.systemUTC()).verify(assertion))
                .hasMessageContaining("signature");
    }

    private static String run(String secret) throws Exception {
        Path script = RepositoryRoot.locate(Path.of("")).resolve("infra/docker/admin-identity");
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString());
        builder.environment().put("UPLINK_IDENTITY_SECRET", secret);
        Process process = builder.redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("admin-identity printed %s", output).isZero();
        return output;
    }
}

package io.uplink.credential.completion;

import io.micrometer.core.instrument.MeterRegistry;
import io.uplink.credential.CredentialServiceApplication;
import io.uplink.testsupport.Infra;
import io.uplink.testsupport.InfrastructureProperties;
import io.uplink.testsupport.UplinkInfrastructure;
import io.uplink.testsupport.identity.TestIdentityKeys;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@UplinkInfrastructure({Infra.S3, Infra.POSTGRES, Infra.KAFKA})
class ProducerWarmUpTest {

    @Test
    void theKafkaProducerExistsBeforeTheInstanceTakesItsFirstCompletion() {
        Map<String, Object> properties = new HashMap<>(
                InfrastructureProperties.forSpring(Set.of(Infra.S3, Infra.POSTGRES, Infra.KAFKA)));
        properties.put("uplink.identity.trusted-keys", TestIdentityKeys.TRUSTED_KEYS);
        properties.put("uplink.identity.private-key", TestIdentityKeys.CREDENTIAL_PRIVATE_KEY);
        properties.put("server.port", "0");
        properties.put("uplink.credential.reconciler.enabled", "false");
        String[] arguments = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);

        // run() returns once the ready event's listeners have run, i.e. when readiness is about to be reported.
        try (ConfigurableApplicationContext instance =
                     new SpringApplicationBuilder(CredentialServiceApplication.class).run(arguments)) {
            MeterRegistry meters = instance.getBean(MeterRegistry.class);

            // Micrometer binds a producer's client metrics when spring-kafka creates it, not before.
            assertThat(meters.getMeters()).anySatisfy(meter ->
                    assertThat(meter.getId().getName()).startsWith("kafka.producer."));
        }
    }
}

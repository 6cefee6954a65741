package io.uplink.testsupport.spring;

import io.uplink.testsupport.Infra;
import io.uplink.testsupport.SharedInfrastructure;
import io.uplink.testsupport.UplinkInfrastructure;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;

class InfrastructureContextCustomizerTest {

    @Configuration
    static class Empty {
    }

    @Nested
    @SpringJUnitConfig(Empty.class)
    @UplinkInfrastructure({Infra.KAFKA})
    class WithInfrastructure {

        @Autowired
        Environment environment;

        @Test
        void handsTheServersConnectionSettingsToSpring() {
            assertThat(environment.getProperty("spring.kafka.bootstrap-servers"))
                    .isEqualTo(SharedInfrastructure.kafka().bootstrapServers());
            assertThat(environment.getProperty("UPLINK_KAFKA_BOOTSTRAP"))
                    .isEqualTo(SharedInfrastructure.kafka().bootstrapServers());
            assertThat(environment.getProperty("spring.datasource.url")).isNull();
        }
    }

    @Nested
    @SpringJUnitConfig(Empty.class)
    class WithoutInfrastructure {

        @Autowired
        Environment environment;

        @Test
        void leavesContextsOfUnannotatedTestsAlone() {
            // (spring.kafka.bootstrap-servers is no witness: Kafka's embedded broker sets it as a system property)
            assertThat(environment.getProperty("UPLINK_KAFKA_BOOTSTRAP")).isNull();
        }
    }
}

package io.uplink.testsupport;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a test class real servers, shared by the whole test JVM. In a Spring test the connection settings are
 * added to the context ({@code spring.datasource.*}, {@code spring.kafka.bootstrap-servers},
 * {@code uplink.credential.storage.*}, {@code uplink.metadata.storage.*}, {@code spring.data.redis.*}); plain tests can take the endpoints as parameters or
 * from {@link SharedInfrastructure}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(InfrastructureExtension.class)
public @interface UplinkInfrastructure {

    Infra[] value();
}

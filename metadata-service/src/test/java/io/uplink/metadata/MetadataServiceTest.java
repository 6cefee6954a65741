package io.uplink.metadata;

import io.uplink.metadata.scanner.SharedClamd;
import io.uplink.testsupport.Infra;
import io.uplink.testsupport.identity.TestIdentityKeys;
import io.uplink.testsupport.UplinkInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The one Spring configuration of this module's integration tests, so that they all share one application
 * context (one relay, one set of listeners) on the shared real servers: two stores and a clamd.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = {
        TestIdentityKeys.TRUSTED_KEYS_PROPERTY,
        "uplink.metadata.api-keys.first-admin-key=" + MetadataServiceTest.FIRST_ADMIN_KEY,
        "management.prometheus.metrics.export.enabled=true"})
@AutoConfigureMockMvc
@UplinkInfrastructure({Infra.POSTGRES, Infra.KAFKA, Infra.S3, Infra.SECOND_S3})
@ContextConfiguration(initializers = SharedClamd.class)
public @interface MetadataServiceTest {

    String FIRST_ADMIN_KEY = "upk_local_FirstAdminKeyOfTheTests012345678";
}

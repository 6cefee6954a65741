package io.uplink.callback;

import io.uplink.testsupport.Infra;
import io.uplink.testsupport.identity.TestIdentityKeys;
import io.uplink.testsupport.UplinkInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole service on real Postgres and Kafka, one shared context for every test class that uses this
 * annotation (same properties, so Spring's context cache reuses it). Tests isolate by unique tenant ids.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@UplinkInfrastructure({Infra.POSTGRES, Infra.KAFKA})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        TestIdentityKeys.TRUSTED_KEYS_PROPERTY,
        "uplink.callback.secret-encryption.keys=" + CallbackServiceTest.SECRET_ENCRYPTION_KEYS,
        "uplink.callback.fan-out.database-retry-max-interval=2s",
        // receivers in tests listen on 127.0.0.1; every other private address stays forbidden
        "uplink.callback.endpoints.allow-http=true",
        "uplink.callback.endpoints.allowed-networks=127.0.0.1/32",
        // the production schedule (0s, 5s, 5m, ... 10h) compressed to test time
        "uplink.callback.delivery.retry-schedule=0s,300ms,600ms",
        "uplink.callback.delivery.jitter=0.1",
        "uplink.callback.delivery.attempt-timeout=2s",
        "uplink.callback.delivery.lease=6s",
        "uplink.callback.delivery.poll-interval=50ms",
        "uplink.callback.delivery.metrics-refresh=1s"})
public @interface CallbackServiceTest {

    /** The key that encrypts endpoints' signing secrets in tests (id {@code test-1}). */
    String SECRET_ENCRYPTION_KEYS = "test-1:K4WWq6nAjcC83Q+26M1kDFLYvXgTIpjGXdkAg3+7peA=";
}

package io.uplink.credential.upload;

import io.uplink.testsupport.Infra;
import io.uplink.testsupport.UplinkInfrastructure;
import io.uplink.testsupport.identity.TestIdentityKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The running credential-service on the shared S3Proxy, Kafka and Postgres, plus an admin S3 client to look at what
 * really landed in storage: the set-up every upload test shares.
 */
@UplinkInfrastructure({Infra.S3, Infra.KAFKA, Infra.POSTGRES})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestIdentityKeys.TRUSTED_KEYS_PROPERTY, TestIdentityKeys.CREDENTIAL_PRIVATE_KEY_PROPERTY})
abstract class UploadIntegrationTest {

    static S3Client storage;

    @LocalServerPort
    int port;

    @BeforeAll
    static void connect() {
        storage = StorageClient.admin();
    }

    @AfterAll
    static void disconnect() {
        storage.close();
    }
}

package io.uplink.metadata.storage;

import io.uplink.testsupport.Infra;
import io.uplink.testsupport.S3Endpoint;
import io.uplink.testsupport.SharedInfrastructure;
import io.uplink.testsupport.UplinkInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Moving an object on S3Proxy: byte for byte, in one copy or in parts, and a missing object is no error. */
@UplinkInfrastructure({Infra.S3})
class ObjectStorageMoveTest {

    private static final int MIB = 1024 * 1024;

    private final S3Endpoint s3 = SharedInfrastructure.s3();
    private final StorageProperties.Store properties = new StorageProperties.Store(s3.endpoint(), s3.region(), s3.accessKey(),
            s3.secretKey(), s3.bucket(), true);
    /** Copies in 5 MiB parts anything above 6 MiB. */
    private final ObjectStorage storage = new ObjectStorage(properties, 6 * MIB, 5 * MIB);
    private final S3Client client = s3.client();
    private final String key = "tenants/move/" + UUID.randomUUID() + "/object.bin";

    @AfterEach
    void close() {
        storage.close();
        client.close();
    }

    @Test
    void aSmallObjectMovesInOneCopy() {
        byte[] content = bytes(1000);
        put(key, content);

        assertThat(storage.move(s3.bucket(), key, null, content.length, "quarantine/" + key)).isTrue();

        assertThat(get("quarantine/" + key)).isEqualTo(content);
        assertThatThrownBy(() -> get(key)).isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void anObjectBeyondTheSingleCopyLimitMovesInParts() {
        byte[] content = bytes(11 * MIB + 17);
        put(key, content);

        assertThat(storage.move(s3.bucket(), key, null, content.length, "quarantine/" + key)).isTrue();

        assertThat(get("quarantine/" + key)).isEqualTo(content);
        assertThatThrownBy(() -> get(key)).isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void anObjectStreamedFromAnotherStoreIsWrittenWholeInOnePutOrInParts() throws Exception {
        byte[] small = bytes(1000);
        byte[] large = bytes((int) ObjectStorage.STREAMED_PART_SIZE * 2 + 5);

        storage.write(s3.bucket(), key, new java.io.ByteArrayInputStream(small), small.length, "text/plain",
                java.util.Map.of());
        storage.write(s3.bucket(), key + ".large", new java.io.ByteArrayInputStream(large), large.length, null,
                java.util.Map.of("uplink-replica-of", "f"));

        assertThat(get(key)).isEqualTo(small);
        assertThat(get(key + ".large")).isEqualTo(large);
        assertThat(client.headObject(request -> request.bucket(s3.bucket()).key(key + ".large")).metadata())
                .containsEntry("uplink-replica-of", "f");
        assertThatThrownBy(() -> storage.write(s3.bucket(), key + ".short", new java.io.ByteArrayInputStream(small),
                ObjectStorage.STREAMED_PART_SIZE + 1, null, java.util.Map.of())).isInstanceOf(java.io.IOException.class);
        assertThat(client.listMultipartUploads(request -> request.bucket(s3.bucket()).prefix(key + ".short")).uploads())
                .as("a failed write leaves no upload behind").isEmpty();
    }

    @Test
    void aMissingObjectIsReportedAsNothingToMove() {
        assertThat(storage.move(s3.bucket(), key, null, 10, "quarantine/" + key)).isFalse();
    }

    private void put(String objectKey, byte[] content) {
        client.putObject(request -> request.bucket(s3.bucket()).key(objectKey), RequestBody.fromBytes(content));
    }

    private byte[] get(String objectKey) {
        return client.getObjectAsBytes(request -> request.bucket(s3.bucket()).key(objectKey)).asByteArray();
    }

    private static byte[] bytes(int length) {
        byte[] content = new byte[length];
        new Random(length).nextBytes(content);
        return content;
    }
}

package io.uplink.credential.uppy;

import io.uplink.credential.web.InvalidRequestException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever a page forwards, reading the call either names the offending field or yields a call whose needs are met. */
class S3OperationProperties {

    @Property(tries = 3000)
    void everyRequestIsEitherRefusedNamingAFieldOrAWellFormedCall(
            @ForAll("methods") String method, @ForAll("keys") String key, @ForAll("uploadIds") String uploadId,
            @ForAll("partNumbers") Integer partNumber, @ForAll("operations") String operation) {
        SignRequest request = new SignRequest(method, key, uploadId, partNumber, null, null, null, operation, null);
        S3Operation call;
        try {
            call = S3Operation.of(request);
        } catch (InvalidRequestException refused) {
            assertThat(refused.field()).isIn("method", "operation", "key", "uploadId", "partNumber", "size");
            assertThat(refused.status().value()).isEqualTo(400);
            return;
        }
        assertThat(key).isNotBlank();
        assertThat(uploadId != null).isEqualTo(!call.createsSession());
        if (partNumber != null || call == S3Operation.UPLOAD_PART) {
            assertThat(partNumber).isBetween(1, 10_000);
        }
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.oneOf(Arbitraries.of("PUT", "POST", "GET", "DELETE", "HEAD", "put", " PATCH", ""),
                Arbitraries.strings().ofMaxLength(8)).injectNull(0.1);
    }

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.oneOf(Arbitraries.of("a.png", "tenants/other/a", "", " ", "a\nb"),
                Arbitraries.strings().all().ofMaxLength(40), Arbitraries.strings().ofLength(1025)).injectNull(0.1);
    }

    @Provide
    Arbitrary<String> uploadIds() {
        return Arbitraries.oneOf(Arbitraries.of("abc", "", " ", "a b", "\u00e9"),
                Arbitraries.strings().all().ofMaxLength(20)).injectNull(0.5);
    }

    @Provide
    Arbitrary<Integer> partNumbers() {
        return Arbitraries.oneOf(Arbitraries.of(0, 1, 10_000, 10_001, -1, Integer.MAX_VALUE, Integer.MIN_VALUE),
                Arbitraries.integers()).injectNull(0.4);
    }

    @Provide
    Arbitrary<String> operations() {
        return Arbitraries.oneOf(Arbitraries.of("PutObject", "PostObject", "CreateMultipartUpload", "UploadPart",
                "ListParts", "CompleteMultipartUpload", "AbortMultipartUpload", "DeleteObject", "putobject", ""),
                Arbitraries.strings().ofMaxLength(10)).injectNull(0.8);
    }
}

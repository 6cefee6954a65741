package io.uplink.credential.upload;

import io.uplink.credential.policy.UploadIntent;
import io.uplink.credential.policy.UploadMethod;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.util.Map;

/** Body of {@code POST /api/v1/uploads}. There is deliberately no tenant or key field: the server assigns both. */
public record CreateUploadRequest(
        @NotBlank @Size(max = 1024) String filename,
        @NotBlank @Size(max = 200) String contentType,
        @NotNull @Positive Long size,
        String checksumSha256,
        Map<String, String> metadata,
        UploadMethod method,
        @Size(max = 63) String target) {

    UploadIntent toIntent() {
        return new UploadIntent(filename, contentType, size, checksumSha256, metadata, method, target);
    }
}

package io.uplink.credential.upload;

import java.util.Map;

/** A presigned UploadPart: PUT exactly {@code size} bytes with {@code headers} to {@code url}. */
public record PartUrl(int partNumber, String url, long size, Map<String, String> headers) {
}

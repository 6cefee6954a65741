package io.uplink.credential.upload;

/** A part the store already holds, as ListParts reports it. */
public record StoredPart(int partNumber, long size, String etag) {
}

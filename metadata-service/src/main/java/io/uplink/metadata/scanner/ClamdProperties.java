package io.uplink.metadata.scanner;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * Where ClamAV's {@code clamd} listens ({@code uplink.metadata.scanner.clamd.*}); an empty host means no scanner (tenants cannot turn {@code scanUploads} on).
 *
 * @param maxSize   the largest object streamed to clamd: keep it at or below clamd's {@code StreamMaxLength}
 * @param chunkSize the INSTREAM chunk size
 * @param timeout   connect timeout, and the longest wait for any read or for the verdict after the last chunk
 */
public record ClamdProperties(
        String host,
        @DefaultValue("3310") int port,
        @DefaultValue("100MB") DataSize maxSize,
        @DefaultValue("64KB") DataSize chunkSize,
        @DefaultValue("60s") Duration timeout) {

    public boolean configured() {
        return host != null && !host.isBlank();
    }
}

package io.uplink.metadata.ingest;

import io.uplink.contracts.EventJson;
import io.uplink.contracts.FileData;
import io.uplink.contracts.FileEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Records object versions and their {@code file.created} outbox rows in one transaction. The insert is a no-op for
 * a version that is already recorded, and the outbox row is only written for the row actually inserted, so however
 * many completion signals arrive for one version there is exactly one {@code file.created}.
 */
@Component
public class FileVersionWriter {

    static final String STATUS_ACTIVE = "active";

    private static final String UPSERT = """
            with inserted as (
                insert into metadata.files (id, tenant_id, bucket, object_key, version_id, size, content_type, etag,
                    checksum_sha256, original_filename, user_metadata, status, upload_id, source, source_event_id,
                    created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, 'active', ?, ?, ?, ?)
                on conflict (bucket, object_key, version_id) do nothing
                returning id, tenant_id
            )
            insert into metadata.outbox (id, aggregate_type, aggregate_id, type, tenant_id, payload)
            select ?, 'file', inserted.id::text, 'file.created', inserted.tenant_id, ?::jsonb from inserted
            """;

    private final JdbcTemplate jdbc;

    public FileVersionWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return how many of the versions were new (the rest were already recorded) */
    @Transactional
    public int recordCreated(List<FileVersion> versions) {
        if (versions.isEmpty()) {
            return 0;
        }
        int[][] counts = jdbc.batchUpdate(UPSERT, versions, 500, (statement, version) -> {
            UUID fileId = UUID.randomUUID();
            UUID eventId = UUID.randomUUID();
            FileEvent event = createdEvent(eventId, fileId, version);
            int i = 1;
            statement.setObject(i++, fileId);
            statement.setString(i++, version.tenantId());
            statement.setString(i++, version.bucket());
            statement.setString(i++, version.key());
            statement.setString(i++, version.versionId());
            statement.setLong(i++, version.size());
            statement.setString(i++, version.contentType());
            statement.setString(i++, version.etag());
            statement.setString(i++, version.checksumSha256());
            statement.setString(i++, version.originalFilename());
            statement.setString(i++, EventJson.writeString(version.metadata()));
            statement.setString(i++, version.uploadId());
            statement.setString(i++, version.source());
            statement.setString(i++, version.sourceEventId());
            statement.setObject(i++, OffsetDateTime.ofInstant(version.createdAt(), ZoneOffset.UTC));
            statement.setObject(i++, eventId);
            statement.setString(i, EventJson.writeString(event));
        });
        int created = 0;
        for (int[] chunk : counts) {
            for (int count : chunk) {
                created += Math.max(count, 0);
            }
        }
        return created;
    }

    static FileEvent createdEvent(UUID eventId, UUID fileId, FileVersion version) {
        FileData data = new FileData(fileId.toString(), version.bucket(), version.key(), version.size(),
                version.contentType(), version.etag(), version.checksumSha256(), version.versionId(),
                version.originalFilename(), version.metadata(), STATUS_ACTIVE, version.createdAt(), null);
        return new FileEvent(eventId, FileEvent.FILE_CREATED, version.tenantId(), version.createdAt(), data);
    }
}

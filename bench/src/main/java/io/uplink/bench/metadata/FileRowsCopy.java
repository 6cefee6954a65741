package io.uplink.bench.metadata;

import io.uplink.service.ids.TimeOrderedIds;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/** Bulk-loads {@code metadata.files} with {@code COPY … FROM STDIN} (CSV), the fastest way rows get into Postgres. */
final class FileRowsCopy {

    /** One file row as the storage-event ingestion would write it (unversioned object, active, a time-ordered id). */
    record FileRow(String tenantId, String bucket, String key, long size, String contentType, String etag,
                   String filename, String userMetadataJson, String sequencer, Instant createdAt) {
    }

    @FunctionalInterface
    interface Rows {
        FileRow row(long index);
    }

    private static final String COPY = "copy metadata.files (id, tenant_id, bucket, object_key, size, content_type,"
            + " etag, original_filename, user_metadata, status, source, sequencer, content_sequencer, created_at)"
            + " from stdin with (format csv)";

    private FileRowsCopy() {
    }

    static long copy(Connection connection, long count, Rows rows) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
        StringBuilder chunk = new StringBuilder(1 << 20);
        try {
            for (long i = 0; i < count; i++) {
                FileRow row = rows.row(i);
                chunk.append(TimeOrderedIds.next()).append(',').append(row.tenantId()).append(',').append(row.bucket())
                        .append(',').append(csv(row.key())).append(',').append(row.size()).append(',')
                        .append(csv(row.contentType())).append(',').append(csv(row.etag())).append(',')
                        .append(csv(row.filename())).append(',').append(csv(row.userMetadataJson()))
                        .append(",active,storage-event,").append(row.sequencer()).append(',').append(row.sequencer())
                        .append(',').append(row.createdAt()).append('\n');
                if (chunk.length() > (1 << 20) - 4096) {
                    write(copy, chunk);
                }
            }
            write(copy, chunk);
            return copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void write(CopyIn copy, StringBuilder chunk) throws SQLException {
        byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        chunk.setLength(0);
    }

    private static String csv(String value) {
        return value == null ? "" : '"' + value.replace("\"", "\"\"") + '"';
    }
}

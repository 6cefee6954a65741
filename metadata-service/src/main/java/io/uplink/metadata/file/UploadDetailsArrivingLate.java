package io.uplink.metadata.file;

import io.uplink.contracts.EventJson;
import io.uplink.metadata.sql.UnnestParameters;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The store's notification of a browser upload usually arrives before the upload's completion, so the version is
 * recorded from the notification, which knows neither the uploader's subject nor the metadata the upload was granted
 * with nor the original filename. When the completion arrives, its details are added to that row in one statement
 * per batch, and each row that changed is announced as {@code file.updated}. A completion that adds nothing (a
 * redelivery, or a version recorded from the completion itself) changes nothing and announces nothing.
 */
final class UploadDetailsArrivingLate {

    /** What a completion adds to a row the store's notification recorded: the {@code t} columns below. */
    static final String DETAILS = " user_metadata = f.user_metadata || t.user_metadata::jsonb,"
            + " original_filename = coalesce(t.original_filename, f.original_filename),"
            + " upload_id = coalesce(f.upload_id, t.upload_id), updated_at = now()";
    /** The row of the completion's version ({@code t}: bucket, object_key, version_id, etag), the same bytes. */
    static final String SAME_VERSION = " where f.bucket = t.bucket and f.object_key = t.object_key"
            + " and f.version_id is not distinct from t.version_id"
            // the same bytes: a key written again in an unversioned bucket is another upload
            + " and (t.etag is null or f.etag is null or trim(both '\"' from f.etag) = trim(both '\"' from t.etag))";
    static final String RETURNING_FILE = " returning f.id, f.tenant_id, f.bucket, f.object_key, f.size,"
            + " f.content_type, f.etag, f.checksum_sha256, f.version_id, f.original_filename,"
            + " f.user_metadata::text as user_metadata, f.status, f.created_at, f.updated_at, f.deleted_at,"
            + " f.rejection_reason, f.storage_target, f.scan_result, f.legal_hold";

    private static final String UPDATE = "update metadata.files f set" + DETAILS
            + " from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
            + " as t(bucket, object_key, version_id, etag, user_metadata, original_filename, upload_id)"
            + SAME_VERSION
            + " and f.source = '" + NewVersion.STORAGE_EVENT + "'"
            + " and not (f.user_metadata @> t.user_metadata::jsonb"
            + "          and (t.original_filename is null or f.original_filename = t.original_filename))"
            + RETURNING_FILE;

    private UploadDetailsArrivingLate() {
    }

    /** Whether this signal, found already recorded, may carry details the recorded row lacks. */
    static boolean mayAddDetails(NewVersion version) {
        return !NewVersion.STORAGE_EVENT.equals(version.source())
                && (!version.metadata().isEmpty() || version.originalFilename() != null);
    }

    /** @return the {@code file.updated} events of the rows that changed */
    static List<FileOutboxEvent> add(Connection connection, List<NewVersion> versions) throws SQLException {
        return update(connection, UPDATE, versions, false, FileUpdated::new);
    }

    /**
     * Runs a late completion's statement over the batch: its {@code t} columns are bucket, object_key, version_id,
     * etag, user_metadata, original_filename and upload_id, then the content rejection when {@code withRejection}.
     *
     * @return an event of type {@code announced} for each row that changed
     */
    static List<FileOutboxEvent> update(Connection connection, String sql, List<NewVersion> versions,
                                        boolean withRejection, FileEvents.Type<?> announced) throws SQLException {
        List<FileOutboxEvent> events = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            UnnestParameters<NewVersion> columns = UnnestParameters.of(connection, statement, versions)
                    .text(NewVersion::bucket)
                    .text(NewVersion::key)
                    .text(NewVersion::versionId)
                    .text(NewVersion::etag)
                    .text(version -> EventJson.writeString(version.metadata()))
                    .text(NewVersion::originalFilename)
                    .text(NewVersion::uploadId);
            if (withRejection) {
                columns.text(NewVersion::contentRejection);
            }
            try (ResultSet rows = statement.executeQuery()) {
                for (int row = 0; rows.next(); row++) {
                    StoredFile file = FileRepository.FILE.mapRow(rows, row);
                    if (!FileEvents.PENDING.equals(file.status())) {
                        // a pending file is announced, with these details, once scanned
                        events.add(FileEvents.about(file, file.updatedAt(), announced));
                    }
                }
            }
        }
        return events;
    }
}

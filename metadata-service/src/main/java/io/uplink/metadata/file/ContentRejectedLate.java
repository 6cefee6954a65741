package io.uplink.metadata.file;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * An upload whose bytes were found to be other than it declared, completed after the store's notification had
 * already recorded the version as active (and announced it) or pending a scan: the row becomes {@code rejected} with the reason and
 * the upload's details, in one statement per batch, and each row that changed is announced as {@code file.rejected};
 * the quarantine sweeper then moves its object. A version already rejected (a redelivery) changes nothing.
 */
final class ContentRejectedLate {

    private static final String UPDATE = "update metadata.files f set status = '" + FileEvents.REJECTED + "',"
            + " rejection_reason = t.reason," + UploadDetailsArrivingLate.DETAILS
            + " from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
            + " as t(bucket, object_key, version_id, etag, user_metadata, original_filename, upload_id, reason)"
            + UploadDetailsArrivingLate.SAME_VERSION
            + " and f.status in ('" + FileEvents.ACTIVE + "', '" + FileEvents.PENDING + "')"
            + UploadDetailsArrivingLate.RETURNING_FILE;

    private ContentRejectedLate() {
    }

    /** @return the {@code file.rejected} events of the rows that changed */
    static List<FileOutboxEvent> reject(Connection connection, List<NewVersion> versions) throws SQLException {
        return UploadDetailsArrivingLate.update(connection, UPDATE, versions, true, FileRejected::new);
    }
}

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
 * An upload whose bytes were found to be other than it declared, completed after the store's notification had
 * already recorded the version as active (and announced it): the row becomes {@code rejected} with the reason and
 * the upload's details, in one statement per batch, and each row that changed is announced as {@code file.rejected};
 * the quarantine sweeper then moves its object. A version already rejected (a redelivery) changes nothing.
 */
final class ContentRejectedLate {

    private static final String UPDATE = "update metadata.files f set status = '" + FileEvents.REJECTED + "',"
            + " rejection_reason = t.reason," + UploadDetailsArrivingLate.DETAILS
            + " from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
            + " as t(bucket, object_key, version_id, etag, user_metadata, original_filename, upload_id, reason)"
            + UploadDetailsArrivingLate.SAME_VERSION
            + " and f.status = '" + FileEvents.ACTIVE + "'"
            + UploadDetailsArrivingLate.RETURNING_FILE;

    private ContentRejectedLate() {
    }

    /** @return the {@code file.rejected} events of the rows that changed */
    static List<FileOutboxEvent> reject(Connection connection, List<NewVersion> versions) throws SQLException {
        List<FileOutboxEvent> events = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(UPDATE)) {
            UnnestParameters.of(connection, statement, versions)
                    .text(NewVersion::bucket)
                    .text(NewVersion::key)
                    .text(NewVersion::versionId)
                    .text(NewVersion::etag)
                    .text(version -> EventJson.writeString(version.metadata()))
                    .text(NewVersion::originalFilename)
                    .text(NewVersion::uploadId)
                    .text(NewVersion::contentRejection);
            try (ResultSet rows = statement.executeQuery()) {
                for (int row = 0; rows.next(); row++) {
                    StoredFile file = FileRepository.FILE.mapRow(rows, row);
                    events.add(FileEvents.about(file, file.updatedAt(), FileRejected::new));
                }
            }
        }
        return events;
    }
}

package io.uplink.metadata.file;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

import java.util.UUID;

/**
 * {@code DELETE /api/v1/files/{id}}: with the file's row locked, so a legal hold set meanwhile either comes first
 * (409) or after the file is gone, never between the check and the delete. The objects go first (its own and its
 * copies), then the row: a failure in between leaves a retryable, idempotent delete.
 */
@Component
public class FileDeletion {

    private final FileRepository files;
    private final StoredObjects objects;

    FileDeletion(FileRepository files, StoredObjects objects) {
        this.files = files;
        this.objects = objects;
    }

    /** @throws ResponseStatusException 404 for no such file in the scope, 409 for a file under legal hold */
    @Transactional
    public void delete(UUID fileId, String tenantScope) {
        StoredFile file = files.findLocked(fileId, tenantScope).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "no file " + fileId));
        if (file.legalHold()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "file " + fileId + " is under legal hold: release"
                    + " it first (PUT /api/v1/files/" + fileId + "/legal-hold {\"hold\": false})");
        }
        if (FileEvents.ACTIVE.equals(file.status()) || FileEvents.PENDING.equals(file.status())) {
            objects.deleteEverywhere(fileId, file.storageTarget(), file.bucket(), file.key(), file.versionId());
            files.markDeleted(fileId);
        }
    }
}

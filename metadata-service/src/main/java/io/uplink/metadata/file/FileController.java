package io.uplink.metadata.file;

import io.uplink.metadata.file.FileRepository.FileStats;
import io.uplink.metadata.identity.Callers;
import io.uplink.servlet.identity.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** File metadata: tenants see only their own files (another tenant's file is a 404), admins see all. */
@RestController
@RequestMapping("/api/v1/files")
public class FileController {

    private final FileRepository files;
    private final FileDeletion deletion;
    private final Replicas replicas;

    public FileController(FileRepository files, FileDeletion deletion, Replicas replicas) {
        this.files = files;
        this.deletion = deletion;
        this.replicas = replicas;
    }

    public record FilePage(List<StoredFile> items, String nextCursor) {
    }

    @GetMapping
    public FilePage list(Caller caller,
                         @RequestParam Map<String, String> parameters) {
        FileQuery query = FileQuery.parse(parameters, Callers.tenantScope(caller, parameters.get("tenantId")));
        List<StoredFile> rows = files.search(query);
        if (rows.size() <= query.limit()) {
            return new FilePage(rows, null);
        }
        List<StoredFile> page = rows.subList(0, query.limit());
        StoredFile last = page.get(page.size() - 1);
        return new FilePage(page, new FileCursor(last.createdAt(), UUID.fromString(last.fileId())).encode());
    }

    @GetMapping("/stats")
    public FileStats stats(Caller caller,
                           @RequestParam(required = false) String tenantId,
                           @RequestParam(required = false) String createdFrom,
                           @RequestParam(required = false) String createdTo) {
        Instant from = instant("createdFrom", createdFrom);
        Instant to = instant("createdTo", createdTo);
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidQueryException("createdFrom must not be after createdTo");
        }
        return files.stats(Callers.tenantScope(caller, tenantId), from, to);
    }

    @GetMapping("/{fileId}")
    public StoredFile get(Caller caller,
                          @PathVariable UUID fileId) {
        StoredFile file = files.find(fileId, Callers.tenantScope(caller, null)).orElseThrow(() -> notFound(fileId));
        return file.withReplicas(replicas.of(fileId));
    }

    @DeleteMapping("/{fileId}")
    public ResponseEntity<Void> delete(Caller caller,
                                       @PathVariable UUID fileId) {
        deletion.delete(fileId, Callers.tenantScope(caller, null));
        return ResponseEntity.noContent().build();
    }

    public record LegalHold(@NotNull Boolean hold) {
    }

    /** Holds the file (retention and deletes leave it alone) or releases it. */
    @PutMapping("/{fileId}/legal-hold")
    public StoredFile legalHold(Caller caller,
                                @PathVariable UUID fileId,
                                @Valid @RequestBody LegalHold request) {
        return files.setLegalHold(fileId, Callers.tenantScope(caller, null), request.hold())
                .orElseThrow(() -> notFound(fileId));
    }

    private static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidQueryException(name + " must be an ISO-8601 instant");
        }
    }

    private static ResponseStatusException notFound(UUID fileId) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "no file " + fileId);
    }
}

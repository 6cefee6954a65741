package io.uplink.credential.uppy;

import io.uplink.credential.web.InvalidRequestException;

import java.util.Arrays;
import java.util.Locale;

/** The store calls a signRequest client may have signed. */
enum S3Operation {
    PUT_OBJECT("PutObject"),
    POST_OBJECT("PostObject"),
    CREATE_MULTIPART_UPLOAD("CreateMultipartUpload"),
    UPLOAD_PART("UploadPart"),
    LIST_PARTS("ListParts"),
    COMPLETE_MULTIPART_UPLOAD("CompleteMultipartUpload"),
    ABORT_MULTIPART_UPLOAD("AbortMultipartUpload");

    static final int MAX_PART_NUMBER = 10_000;

    private final String s3Name;

    S3Operation(String s3Name) {
        this.s3Name = s3Name;
    }

    String s3Name() {
        return s3Name;
    }

    boolean createsSession() {
        return this == PUT_OBJECT || this == POST_OBJECT || this == CREATE_MULTIPART_UPLOAD;
    }

    /**
     * The call a request means, by Uppy's shape ({@code PUT {key}} = PutObject, {@code POST {key}} =
     * CreateMultipartUpload, {@code PUT {key, uploadId, partNumber}} = UploadPart, {@code GET {key, uploadId}} =
     * ListParts, {@code POST {key, uploadId}} = Complete, {@code DELETE {key, uploadId}} = Abort) or by an explicit
     * {@code operation}; then checks that the fields the call needs are there and in range.
     */
    static S3Operation of(SignRequest request) {
        String method = request.method() == null ? "" : request.method().trim().toUpperCase(Locale.ROOT);
        boolean hasUploadId = request.uploadId() != null;
        S3Operation operation;
        if (request.operation() != null) {
            operation = Arrays.stream(values()).filter(o -> o.s3Name.equals(request.operation())).findFirst()
                    .orElseThrow(() -> InvalidRequestException.badRequest("operation", "s3-operation",
                            "operation must be one of PutObject, PostObject, CreateMultipartUpload, UploadPart, "
                                    + "ListParts, CompleteMultipartUpload, AbortMultipartUpload"));
        } else {
            operation = switch (method) {
                case "PUT" -> hasUploadId || request.partNumber() != null ? UPLOAD_PART : PUT_OBJECT;
                case "POST" -> hasUploadId ? COMPLETE_MULTIPART_UPLOAD : CREATE_MULTIPART_UPLOAD;
                case "GET" -> LIST_PARTS;
                case "DELETE" -> {
                    if (!hasUploadId) {
                        throw InvalidRequestException.badRequest("uploadId", "required",
                                "DELETE needs the uploadId of a multipart upload to abort; deleting objects is not offered");
                    }
                    yield ABORT_MULTIPART_UPLOAD;
                }
                default -> throw InvalidRequestException.badRequest("method", "s3-method",
                        "method must be PUT, POST, GET or DELETE");
            };
        }
        operation.check(request);
        return operation;
    }

    private void check(SignRequest request) {
        if (request.key() == null || request.key().isBlank()) {
            throw InvalidRequestException.badRequest("key", "required", "key is required");
        }
        if (request.key().length() > 1024 || request.key().chars().anyMatch(Character::isISOControl)) {
            throw InvalidRequestException.badRequest("key", "s3-key",
                    "key must be at most 1024 characters without control characters");
        }
        boolean needsUploadId = !createsSession();
        if (needsUploadId && (request.uploadId() == null || request.uploadId().isBlank())) {
            throw InvalidRequestException.badRequest("uploadId", "required", s3Name + " needs the uploadId");
        }
        if (!needsUploadId && request.uploadId() != null) {
            throw InvalidRequestException.badRequest("uploadId", "not-allowed", s3Name + " takes no uploadId");
        }
        if (request.uploadId() != null && (request.uploadId().length() > 1024
                || !request.uploadId().chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
            throw InvalidRequestException.badRequest("uploadId", "s3-upload-id",
                    "uploadId must be printable ASCII, at most 1024 characters");
        }
        if (this == UPLOAD_PART && request.partNumber() == null) {
            throw InvalidRequestException.badRequest("partNumber", "required", "UploadPart needs the partNumber");
        }
        if (request.partNumber() != null && (request.partNumber() < 1 || request.partNumber() > MAX_PART_NUMBER)) {
            throw InvalidRequestException.badRequest("partNumber", "part-number-range",
                    "partNumber runs from 1 to 10000");
        }
        if (request.size() != null && request.size() < 1) {
            throw InvalidRequestException.badRequest("size", "positive", "size must be at least 1 byte");
        }
    }
}

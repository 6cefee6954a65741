package io.uplink.metadata.limits;

import io.uplink.metadata.tenant.TenantSettings;

import java.util.List;

/**
 * The limits a tenant's objects must keep, from its settings: what credential-service checks before an upload, and
 * whether they must pass the scanner ({@code scanUploads}) before anyone hears of them, and the store their active
 * files are copied to ({@code replicateTo}, null for none).
 */
public record UploadLimits(long maxObjectSize, List<String> allowedContentTypes, boolean scanUploads,
                           String replicateTo) {

    private static final int SHOWN_TYPE_LENGTH = 100;

    public UploadLimits {
        allowedContentTypes = List.copyOf(allowedContentTypes);
    }

    public static UploadLimits of(TenantSettings settings) {
        return new UploadLimits(settings.maxObjectSize(), settings.allowedContentTypes(), settings.scanUploads(),
                settings.replicateTo());
    }

    /** @return why an object of this size and type breaks the limits, or null when it keeps them */
    public String violation(long size, String contentType) {
        if (size > maxObjectSize) {
            return "size " + size + " exceeds the tenant's maxObjectSize " + maxObjectSize;
        }
        if (!AllowedContentTypes.allows(allowedContentTypes, contentType)) {
            return (contentType == null ? "no content type" : "content type '" + shown(contentType) + "'")
                    + " is not in the tenant's allowedContentTypes " + allowedContentTypes;
        }
        return null;
    }

    private static String shown(String contentType) {
        String printable = contentType.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= SHOWN_TYPE_LENGTH ? printable : printable.substring(0, SHOWN_TYPE_LENGTH) + "…";
    }
}

package io.uplink.console.files;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files page's filters as the form sends them: dates as days (UTC), sizes in bytes, the page cursor.
 */
public record FileFilter(String keyPrefix, String contentType, String createdFrom, String createdTo, String minSize,
                         String maxSize, String cursor) {

    /** The query of {@code GET /api/v1/files}; the API answers a problem for what it does not accept. */
    Map<String, Object> toApiQuery() {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("keyPrefix", keyPrefix);
        query.put("contentType", contentType);
        query.put("createdFrom", startOfDay(createdFrom, 0));
        query.put("createdTo", startOfDay(createdTo, 1));
        query.put("minSize", minSize);
        query.put("maxSize", maxSize);
        query.put("cursor", cursor);
        return query;
    }

    /** The same filters without the cursor: the link back to the first page. */
    public FileFilter firstPage() {
        return new FileFilter(keyPrefix, contentType, createdFrom, createdTo, minSize, maxSize, null);
    }

    private static String startOfDay(String day, int plusDays) {
        if (day == null || day.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(day.trim()).plusDays(plusDays).atStartOfDay().toInstant(ZoneOffset.UTC).toString();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Dates are written YYYY-MM-DD.");
        }
    }
}

package io.uplink.console.webhooks;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Instants as the API writes them (ISO-8601, to the microsecond), shown to the second in UTC. */
public final class Times {

    private static final DateTimeFormatter READABLE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Times() {
    }

    /** "—" for no time; the API's text unchanged when it is not an instant. */
    public static String readable(String instant) {
        if (instant == null || instant.isBlank()) {
            return "—";
        }
        try {
            return READABLE.format(Instant.parse(instant));
        } catch (DateTimeParseException e) {
            return instant;
        }
    }
}

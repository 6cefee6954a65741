package io.uplink.contracts;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the one shape of instant that services and storages write ({@link Instant#toString()}'s for years
 * 0000–9999: {@code 2026-11-25T10:15:30.123Z}, UTC, seconds, 0–9 fraction digits) by arithmetic, at a fraction of a
 * {@code DateTimeFormatter}'s cost. Text of any other shape, an impossible date or a leap second included, is left to
 * the full reader ({@link Instant#parse}, Jackson), which reads it or rejects it.
 */
public final class UtcInstants {

    private static final int SHORTEST = "2026-11-25T10:15:30Z".length();

    private UtcInstants() {
    }

    /** Exactly {@link Instant#parse}, fast for the plain shape. */
    public static Instant parse(String text) {
        Instant instant = text == null ? null : plainOrNull(text);
        return instant != null ? instant : Instant.parse(text);
    }

    /** @return the instant, or null when the text is not of the plain shape (or names no valid date) */
    public static Instant plainOrNull(String text) {
        int length = text.length();
        if (length < SHORTEST || length == SHORTEST + 1 || length > SHORTEST + 10 || text.charAt(length - 1) != 'Z'
                || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || (length > SHORTEST && text.charAt(19) != '.')) {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int fraction = length > SHORTEST ? digits(text, 20, length - 1) : 0;
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59 || fraction < 0) {
            return null;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null;
        }
        int nanos = fraction;
        for (int places = length - 1 - SHORTEST; places < 9; places++) { // 0 when there is no fraction
            nanos *= 10;
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** @return the non-negative number the ASCII digits from..to spell, -1 if one is not a digit */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}

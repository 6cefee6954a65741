package io.uplink.metadata.storageevent;

import io.uplink.metadata.ingest.RejectedEventException;

import java.util.Locale;

/**
 * S3 sequencers are hexadecimal numbers of varying length, comparable only for the same key: the greater value
 * happened later. Normalised to 32 upper-case digits, plain string comparison (in Java and in SQL) is numeric.
 */
public final class Sequencers {

    static final int WIDTH = 32;

    private Sequencers() {
    }

    public static String normalise(String sequencer) {
        if (sequencer == null || sequencer.isBlank() || !sequencer.matches("[0-9A-Fa-f]+")) {
            throw new RejectedEventException("missing or malformed sequencer '" + sequencer + "'");
        }
        String digits = sequencer.replaceFirst("^0+(?=.)", "").toUpperCase(Locale.ROOT);
        if (digits.length() > WIDTH) {
            throw new RejectedEventException("sequencer longer than " + WIDTH + " hex digits");
        }
        return "0".repeat(WIDTH - digits.length()) + digits;
    }

    /** true when {@code candidate} is later than {@code current}; anything is later than nothing */
    public static boolean isLater(String candidate, String current) {
        return current == null || candidate.compareTo(current) > 0;
    }
}

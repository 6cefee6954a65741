package io.uplink.metadata.storageevent;

import io.uplink.metadata.ingest.RejectedEventException;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * S3 sequencers are hexadecimal numbers of varying length, comparable only for the same key: the greater value
 * happened later. Normalised to 32 upper-case digits, plain string comparison (in Java and in SQL) is numeric.
 */
public final class Sequencers {

    static final int WIDTH = 32;

    private Sequencers() {
    }

    /** Plain loops over the characters: every storage event is normalised here while it is ingested. */
    public static String normalise(String sequencer) {
        int length = sequencer == null ? 0 : sequencer.length();
        if (length == 0) {
            throw malformed(sequencer);
        }
        for (int i = 0; i < length; i++) {
            if (!HexFormat.isHexDigit(sequencer.charAt(i))) {
                throw malformed(sequencer);
            }
        }
        int first = 0;
        while (first < length - 1 && sequencer.charAt(first) == '0') {
            first++;
        }
        int digits = length - first;
        if (digits > WIDTH) {
            throw new RejectedEventException("sequencer longer than " + WIDTH + " hex digits");
        }
        char[] normalised = new char[WIDTH];
        int padding = WIDTH - digits;
        Arrays.fill(normalised, 0, padding, '0');
        for (int i = 0; i < digits; i++) {
            char c = sequencer.charAt(first + i);
            normalised[padding + i] = c >= 'a' ? (char) (c - ('a' - 'A')) : c;
        }
        return new String(normalised);
    }

    private static RejectedEventException malformed(String sequencer) {
        return new RejectedEventException("missing or malformed sequencer '" + sequencer + "'");
    }

    /** true when {@code candidate} is later than {@code current}; anything is later than nothing */
    public static boolean isLater(String candidate, String current) {
        return current == null || candidate.compareTo(current) > 0;
    }
}

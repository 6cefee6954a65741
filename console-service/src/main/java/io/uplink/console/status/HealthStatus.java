package io.uplink.console.status;

import java.util.Locale;

/** Actuator's status words, plus the console's own for an instance that did not answer. */
public final class HealthStatus {

    static final String UP = "UP";
    static final String UNKNOWN = "UNKNOWN";
    static final String UNREACHABLE = "UNREACHABLE";

    private HealthStatus() {
    }

    /** The CSS class of a status badge; the badge shows the word as well, colour is never the only cue. */
    public static String badge(String status) {
        return status == null ? "unknown" : status.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

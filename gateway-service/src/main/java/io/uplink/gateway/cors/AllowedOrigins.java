package io.uplink.gateway.cors;

import java.util.List;

/**
 * Matches a browser's {@code Origin} against a list of allowed origins. An entry is an exact origin
 * ({@code https://app.example.com}) or one with any port ({@code http://localhost:*}), which development servers
 * need: they pick their port at start.
 */
final class AllowedOrigins {

    private static final String ANY_PORT = ":*";

    private AllowedOrigins() {
    }

    static boolean allows(List<String> allowed, String origin) {
        for (String entry : allowed) {
            if (matches(entry, origin)) {
                return true;
            }
        }
        return false;
    }

    static boolean matches(String entry, String origin) {
        if (!entry.endsWith(ANY_PORT)) {
            return entry.equals(origin);
        }
        String host = entry.substring(0, entry.length() - ANY_PORT.length());
        if (origin.equals(host)) {
            return true;
        }
        if (!origin.startsWith(host) || origin.length() <= host.length() + 1 || origin.charAt(host.length()) != ':') {
            return false;
        }
        for (int i = host.length() + 1; i < origin.length(); i++) {
            if (!Character.isDigit(origin.charAt(i))) {
                return false;
            }
        }
        return origin.length() - host.length() - 1 <= 5;
    }
}

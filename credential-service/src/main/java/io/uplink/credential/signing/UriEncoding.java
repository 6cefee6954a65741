package io.uplink.credential.signing;

import java.nio.charset.StandardCharsets;

/**
 * SigV4's URI encoding (RFC 3986: everything but {@code A-Z a-z 0-9 - _ . ~} percent-encoded as UTF-8, upper-case
 * hex), the result of the SDK's {@code SdkHttpUtils.urlEncode} without its detour through {@code URLEncoder} and
 * three string replacements. {@code UriEncodingTest} compares both on arbitrary strings.
 */
public final class UriEncoding {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UriEncoding() {
    }

    static String encode(String value) {
        return encode(value, false);
    }

    /** As {@link #encode(String)}, but {@code /} stays (object keys in a path). */
    public static String encodeIgnoreSlashes(String value) {
        return encode(value, true);
    }

    private static String encode(String value, boolean keepSlashes) {
        int length = value.length();
        int i = 0;
        while (i < length && unreserved(value.charAt(i), keepSlashes)) {
            i++;
        }
        if (i == length) {
            return value;
        }
        StringBuilder encoded = new StringBuilder(length + 16).append(value, 0, i);
        while (i < length) {
            char c = value.charAt(i);
            if (unreserved(c, keepSlashes)) {
                encoded.append(c);
                i++;
                continue;
            }
            int end = i + 1;
            while (end < length && !unreserved(value.charAt(end), keepSlashes)) {
                end++;
            }
            // One run of reserved characters at a time, so surrogate pairs stay together (a lone one becomes '?').
            for (byte b : value.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                encoded.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
            i = end;
        }
        return encoded.toString();
    }

    private static boolean unreserved(char c, boolean keepSlashes) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~' || (keepSlashes && c == '/');
    }
}

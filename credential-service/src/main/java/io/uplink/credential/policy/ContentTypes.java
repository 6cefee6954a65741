package io.uplink.credential.policy;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Declared content types are signed into credentials and sent back by clients as a header, so only strict
 * RFC 9110 media types are accepted (no CR/LF, no quoting tricks).
 */
public final class ContentTypes {

    private static final String TOKEN = "[A-Za-z0-9!#$&^_.+-]+";
    private static final Pattern MEDIA_TYPE = Pattern.compile(
            TOKEN + "/" + TOKEN + "(;[ ]?" + TOKEN + "=(" + TOKEN + "|\"[A-Za-z0-9!#$&^_.+ -]*\"))*");
    static final int MAX_LENGTH = 200;
    /**
     * The type of an upload whose client never declares one (Uppy 6 {@code signRequest}): nothing is signed and
     * the stored object's own type is recorded. Only granted to tenants that allow every type.
     */
    public static final String ANY = "*/*";

    private ContentTypes() {
    }

    public static boolean isWellFormed(String contentType) {
        return contentType != null && contentType.length() <= MAX_LENGTH
                && MEDIA_TYPE.matcher(contentType).matches();
    }

    public static boolean isAny(String contentType) {
        return ANY.equals(contentType);
    }

    public static boolean allowsEveryType(List<String> patterns) {
        return patterns.stream().map(p -> p.trim()).anyMatch(p -> p.equals("*/*") || p.equals("*"));
    }

    /** The {@code type/subtype} part, lower case. */
    public static String essence(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /** Patterns are {@code type/subtype}, {@code type/*} or {@code *}{@code /*}. */
    public static boolean isAllowed(String contentType, List<String> patterns) {
        String essence = essence(contentType);
        String type = essence.substring(0, essence.indexOf('/'));
        for (String raw : patterns) {
            String pattern = raw.trim().toLowerCase(Locale.ROOT);
            if (pattern.equals("*/*") || pattern.equals("*") || pattern.equals(essence)
                    || (pattern.endsWith("/*") && pattern.substring(0, pattern.length() - 2).equals(type))) {
                return true;
            }
        }
        return false;
    }
}

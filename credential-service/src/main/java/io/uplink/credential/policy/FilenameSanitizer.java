package io.uplink.credential.policy;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Turns a client's filename into the last segment of an object key. The filename is metadata, never a path:
 * the result is NFC-normalised, has no separators, no control or format characters, no {@code ..}, no leading
 * dot, and at most {@link #MAX_BYTES} UTF-8 bytes.
 */
public final class FilenameSanitizer {

    public static final int MAX_BYTES = 200;
    static final String FALLBACK = "file";
    // compiled once: String.replaceAll compiles its pattern on every call, a visible share of minting a credential
    private static final Pattern DOTS = Pattern.compile("\\.{2,}");
    private static final Pattern UNDERSCORES = Pattern.compile("_{2,}");
    private static final Pattern LEADING = Pattern.compile("^[._-]+");
    private static final Pattern TRAILING = Pattern.compile("[._ -]+$");

    private FilenameSanitizer() {
    }

    public static String sanitize(String filename) {
        if (filename == null) {
            return FALLBACK;
        }
        String normalized = Normalizer.normalize(filename, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(normalized.length());
        normalized.codePoints().forEach(cp -> {
            if (allowed(cp)) {
                out.appendCodePoint(cp);
            } else {
                out.append('_');
            }
        });
        String cleaned = out.toString();
        // Each pattern runs only where it can match: most filenames need none of them.
        if (cleaned.contains("..")) {
            cleaned = DOTS.matcher(cleaned).replaceAll(".");
        }
        if (cleaned.contains("__")) {
            cleaned = UNDERSCORES.matcher(cleaned).replaceAll("_");
        }
        if (!cleaned.isEmpty() && "._-".indexOf(cleaned.charAt(0)) >= 0) {
            cleaned = LEADING.matcher(cleaned).replaceAll("");
        }
        if (!cleaned.isEmpty() && "._ -".indexOf(cleaned.charAt(cleaned.length() - 1)) >= 0) {
            cleaned = TRAILING.matcher(cleaned).replaceAll("");
        }
        String capped = capUtf8(cleaned);
        return capped.isEmpty() ? FALLBACK : capped;
    }

    /**
     * Letters, digits and combining marks of any script plus {@code - _ .}; everything else (separators, spaces,
     * controls, bidi overrides, URL and shell metacharacters, unpaired surrogates) becomes {@code _}.
     */
    private static boolean allowed(int cp) {
        if (cp == '-' || cp == '_' || cp == '.') {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER,
                 Character.NON_SPACING_MARK, Character.COMBINING_SPACING_MARK, Character.ENCLOSING_MARK -> true;
            default -> false;
        };
    }

    /** Keeps the extension when the name is too long, and never splits a code point. */
    private static String capUtf8(String name) {
        if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
        String stem = extension.isEmpty() ? name : name.substring(0, dot);
        int budget = MAX_BYTES - extension.getBytes(StandardCharsets.UTF_8).length;
        StringBuilder kept = new StringBuilder();
        int used = 0;
        for (int i = 0; i < stem.length(); ) {
            int cp = stem.codePointAt(i);
            int bytes = Character.toString(cp).getBytes(StandardCharsets.UTF_8).length;
            if (used + bytes > budget) {
                break;
            }
            kept.appendCodePoint(cp);
            used += bytes;
            i += Character.charCount(cp);
        }
        // Cutting may leave a combining mark without its base or a trailing dot; normalise and tidy again.
        String result = Normalizer.normalize(kept + extension, Normalizer.Form.NFC);
        result = DOTS.matcher(result).replaceAll(".");
        while (result.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            result = result.substring(0, result.offsetByCodePoints(result.length(), -1));
        }
        return result;
    }
}

package io.uplink.localstack.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code ${NAME}} / {@code ${NAME:default}} placeholders of a Spring configuration file, nested ones included.
 * Public for the Kubernetes manifests' test, which checks the same placeholders.
 */
public final class SpringPlaceholders {

    public record Placeholder(String name, String defaultValue) {

        public boolean required() {
            return defaultValue == null;
        }

        /** Environment-style names (UPLINK_DB_URL, PORT); lower-case ones refer to other Spring properties. */
        public boolean isEnvironmentVariable() {
            return name.equals(name.toUpperCase()) && !name.contains(".");
        }
    }

    private SpringPlaceholders() {
    }

    public static List<Placeholder> in(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Placeholder> parse(String text) {
        List<Placeholder> placeholders = new ArrayList<>();
        int start = text.indexOf("${");
        while (start >= 0) {
            int end = matchingBrace(text, start + 2);
            if (end < 0) {
                break;
            }
            String body = text.substring(start + 2, end);
            int colon = topLevelColon(body);
            String name = (colon < 0 ? body : body.substring(0, colon)).trim();
            String defaultValue = colon < 0 ? null : body.substring(colon + 1);
            placeholders.add(new Placeholder(name, defaultValue));
            if (defaultValue != null) {
                placeholders.addAll(parse(defaultValue));
            }
            start = text.indexOf("${", end + 1);
        }
        return placeholders;
    }

    private static int matchingBrace(String text, int from) {
        int depth = 1;
        for (int i = from; i < text.length(); i++) {
            if (text.startsWith("${", i)) {
                depth++;
                i++;
            } else if (text.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int topLevelColon(String body) {
        int depth = 0;
        for (int i = 0; i < body.length(); i++) {
            if (body.startsWith("${", i)) {
                depth++;
                i++;
            } else if (body.charAt(i) == '}') {
                depth--;
            } else if (body.charAt(i) == ':' && depth == 0) {
                return i;
            }
        }
        return -1;
    }
}

package io.uplink.gateway.accesslog;

/** Appends JSON members to a line under construction; strings are escaped per RFC 8259. */
final class JsonLine {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonLine() {
    }

    static void field(StringBuilder line, String name, String value) {
        line.append(",\"").append(name).append("\":");
        if (value == null) {
            line.append("null");
            return;
        }
        line.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (c < 0x20) {
                        line.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        line.append('"');
    }

    static void number(StringBuilder line, String name, Number value) {
        line.append(",\"").append(name).append("\":").append(value == null ? "null" : value.toString());
    }
}

package io.uplink.contracts.identity;

import io.uplink.contracts.UtcInstants;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the JSON payload of an assertion in the shape {@link IdentityAssertionSigner#sign} writes it (a flat object,
 * strings without escapes, {@code roles} an array of strings, {@code expiresAt} as ISO-8601 {@code …Z}) without
 * Jackson. Every service verifies one assertion per request, and Jackson's bean and {@code Instant} deserializers
 * were most of that cost. Anything outside that shape answers {@code null} and the verifier falls back to Jackson, so
 * the result never differs from Jackson's: this is a shortcut, not a second definition of the format.
 */
final class AssertionPayloadReader {

    private final byte[] json;
    private int at;

    private AssertionPayloadReader(byte[] json) {
        this.json = json;
    }

    /** @return the assertion, or null when the payload is not in the simple shape (the caller uses Jackson) */
    static IdentityAssertion read(byte[] json) {
        try {
            return new AssertionPayloadReader(json).object();
        } catch (NotSimple | IndexOutOfBoundsException | IllegalArgumentException e) {
            return null;
        }
    }

    private IdentityAssertion object() {
        String issuer = null;
        String audience = null;
        String tenantId = null;
        String subject = null;
        List<String> roles = null;
        Instant expiresAt = null;
        expect('{');
        if (peek() == '}') {
            throw NotSimple.INSTANCE;
        }
        while (true) {
            String field = string();
            expect(':');
            switch (field) {
                case "issuer" -> issuer = stringOrNull();
                case "audience" -> audience = stringOrNull();
                case "tenantId" -> tenantId = stringOrNull();
                case "subject" -> subject = stringOrNull();
                case "roles" -> roles = rolesOrNull();
                case "expiresAt" -> {
                    String text = stringOrNull();
                    expiresAt = text == null ? null : instant(text);
                }
                default -> skipScalar();
            }
            int next = next();
            if (next == '}') {
                break;
            }
            if (next != ',') {
                throw NotSimple.INSTANCE;
            }
        }
        skipWhitespace();
        if (at != json.length || issuer == null || audience == null || subject == null || expiresAt == null) {
            throw NotSimple.INSTANCE;
        }
        return new IdentityAssertion(issuer, audience, tenantId, subject, roles, expiresAt);
    }

    private List<String> rolesOrNull() {
        if (peek() == 'n') {
            literal("null");
            return null;
        }
        expect('[');
        List<String> roles = new ArrayList<>(2);
        if (peek() == ']') {
            at++;
            return roles;
        }
        while (true) {
            String role = string();
            roles.add(role);
            int next = next();
            if (next == ']') {
                return roles;
            }
            if (next != ',') {
                throw NotSimple.INSTANCE;
            }
        }
    }

    private String stringOrNull() {
        if (peek() == 'n') {
            literal("null");
            return null;
        }
        return string();
    }

    /** An ASCII string without escapes or control characters (anything else goes to Jackson). */
    private String string() {
        expect('"');
        int start = at;
        while (true) {
            byte b = json[at];
            if (b == '"') {
                break;
            }
            if (b == '\\' || b < 0x20) { // bytes are signed: non-ASCII is negative
                throw NotSimple.INSTANCE;
            }
            at++;
        }
        String value = new String(json, start, at - start, StandardCharsets.US_ASCII);
        at++;
        return value;
    }

    /** Unknown fields are ignored, as Jackson does here; only scalars are skipped by hand. */
    private void skipScalar() {
        int c = peek();
        if (c == '"') {
            string();
        } else if (c == 'n') {
            literal("null");
        } else if (c == 't') {
            literal("true");
        } else if (c == 'f') {
            literal("false");
        } else {
            throw NotSimple.INSTANCE;
        }
    }

    private void literal(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (json[at++] != word.charAt(i)) {
                throw NotSimple.INSTANCE;
            }
        }
    }

    private void expect(char c) {
        if (next() != c) {
            throw NotSimple.INSTANCE;
        }
    }

    private int next() {
        skipWhitespace();
        return json[at++];
    }

    private int peek() {
        skipWhitespace();
        return json[at];
    }

    private void skipWhitespace() {
        while (at < json.length && (json[at] == ' ' || json[at] == '\n' || json[at] == '\r' || json[at] == '\t')) {
            at++;
        }
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, as {@link Instant#toString()} writes it for years 0000–9999. */
    static Instant instant(String text) {
        Instant instant = UtcInstants.plainOrNull(text);
        if (instant == null) {
            throw NotSimple.INSTANCE;
        }
        return instant;
    }

    /** Control flow only: the payload is outside the simple shape. */
    private static final class NotSimple extends RuntimeException {
        static final NotSimple INSTANCE = new NotSimple();

        private NotSimple() {
            super(null, null, false, false);
        }
    }
}

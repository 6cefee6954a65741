package io.uplink.callback.delivery;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Keeps the first bytes of a receiver's response as text that fits the attempts table: valid UTF-8 (invalid bytes
 * replaced), no NUL (Postgres text cannot hold it) and at most {@link #MAX_BYTES} bytes once encoded.
 */
final class ResponseSnippet {

    static final int MAX_BYTES = 4096;

    private final byte[] buffer = new byte[MAX_BYTES];
    private int length;

    /** @return true once the snippet is full and the rest of the body can be abandoned */
    boolean append(byte[] chunk) {
        int take = Math.min(chunk.length, MAX_BYTES - length);
        System.arraycopy(chunk, 0, buffer, length, take);
        length += take;
        return length >= MAX_BYTES;
    }

    String text() {
        return toText(buffer, length);
    }

    static String toText(byte[] bytes, int length) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharBuffer chars;
        try {
            chars = decoder.decode(ByteBuffer.wrap(bytes, 0, length));
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException("REPLACE never throws", e);
        }
        StringBuilder text = new StringBuilder(chars.length());
        int encoded = 0;
        for (int i = 0; i < chars.length(); ) {
            int codePoint = Character.codePointAt(chars, i);
            int width = utf8Width(codePoint);
            if (encoded + width > MAX_BYTES) {
                break;
            }
            if (codePoint != 0) {
                text.appendCodePoint(codePoint);
                encoded += width;
            }
            i += Character.charCount(codePoint);
        }
        return text.toString();
    }

    private static int utf8Width(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }
}

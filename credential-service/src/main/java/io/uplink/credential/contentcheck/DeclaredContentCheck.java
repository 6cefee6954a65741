package io.uplink.credential.contentcheck;

import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Whether an object's first bytes are what its declared content type says, by Apache Tika's signatures (magic)
 * alone: the client chose the name and the declared type, so neither is a hint here. Only positive evidence refuses:
 * bytes whose signature names a type that is neither the declared one nor a kind of it (nor it a kind of theirs: a
 * {@code .docx} is a kind of zip, CSV a kind of plain text) - an executable, HTML or SVG sent as an image. Bytes
 * without a signature (plain text, raw data) cannot be told apart and pass, as does anything declared
 * {@code application/octet-stream} (or stored by S3 as {@code binary/octet-stream}, its type for untyped objects).
 */
public final class DeclaredContentCheck {

    private static final MimeTypes TYPES = MimeTypes.getDefaultMimeTypes();
    private static final MediaTypeRegistry REGISTRY = TYPES.getMediaTypeRegistry();
    /** What S3 itself stores for an object put without a type. */
    private static final MediaType S3_UNTYPED = MediaType.parse("binary/octet-stream");

    private DeclaredContentCheck() {
    }

    /** How many leading bytes the check reads: enough for every signature Tika knows. */
    public static int bytesNeeded() {
        return TYPES.getMinLength();
    }

    /**
     * @param declared the declared content type (parameters are ignored)
     * @param head     the object's first bytes, at most {@link #bytesNeeded()}
     * @return why the bytes are not the declared type; empty when they may be
     */
    public static Optional<String> refusal(String declared, byte[] head) {
        MediaType claimed = MediaType.parse(declared);
        if (claimed == null) {
            return Optional.of("the declared content type '" + declared + "' is not a media type");
        }
        claimed = REGISTRY.normalize(claimed.getBaseType());
        if (claimed.equals(MediaType.OCTET_STREAM) || claimed.equals(S3_UNTYPED) || head.length == 0) {
            return Optional.empty();
        }
        MediaType found = REGISTRY.normalize(detect(head));
        if (found.equals(MediaType.OCTET_STREAM) || found.equals(MediaType.TEXT_PLAIN)) {
            return Optional.empty();
        }
        return found.equals(claimed) || REGISTRY.isSpecializationOf(found, claimed)
                || REGISTRY.isSpecializationOf(claimed, found) ? Optional.empty()
                : Optional.of("the bytes are " + found + ", not the declared " + claimed);
    }

    private static MediaType detect(byte[] head) {
        try {
            return TYPES.detect(new ByteArrayInputStream(head), new Metadata());
        } catch (IOException e) {
            throw new UncheckedIOException("reading bytes in memory", e);
        }
    }
}

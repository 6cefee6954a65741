package io.uplink.credential.contentcheck;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Declared content types against the bytes' own signatures: only positive evidence of another type refuses. */
class DeclaredContentCheckTest {

    static final byte[] PNG = bytes(new int[] {0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d,
            'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0});
    static final byte[] JPEG = bytes(new int[] {0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 'J', 'F', 'I', 'F', 0, 1, 1, 0});
    /** A Windows executable's first bytes: "MZ", then its DOS header. */
    static final byte[] EXE = executable();
    static final byte[] PDF = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SVG = ("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\">"
            + "</svg>").getBytes(StandardCharsets.UTF_8);
    static final byte[] HTML = "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
            .getBytes(StandardCharsets.UTF_8);
    static final byte[] ZIP = bytes(new int[] {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0});

    @Test
    void bytesOfTheDeclaredTypePass() {
        assertThat(DeclaredContentCheck.refusal("image/png", PNG)).isEmpty();
        assertThat(DeclaredContentCheck.refusal("image/jpeg", JPEG)).isEmpty();
        assertThat(DeclaredContentCheck.refusal("application/pdf", PDF)).isEmpty();
        assertThat(DeclaredContentCheck.refusal("image/png; name=x", PNG)).as("parameters are ignored").isEmpty();
    }

    @Test
    void bytesThatAreAKindOfTheDeclaredTypeOrItOfThemPass() {
        assertThat(DeclaredContentCheck.refusal(
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ZIP)).isEmpty();
        assertThat(DeclaredContentCheck.refusal("text/plain", HTML)).as("HTML is a kind of text").isEmpty();
        assertThat(DeclaredContentCheck.refusal("text/csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(DeclaredContentCheck.refusal("application/json", "{\"a\": 1}".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
    }

    @Test
    void anExecutableOrActiveContentSentAsAnImageOrDocumentIsRefusedNamingWhatItIs() {
        assertThat(DeclaredContentCheck.refusal("image/png", EXE)).hasValueSatisfying(reason -> assertThat(reason)
                .isEqualTo("the bytes are application/x-msdownload, not the declared image/png"));
        assertThat(DeclaredContentCheck.refusal("image/png", SVG)).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("the bytes are image/svg+xml"));
        assertThat(DeclaredContentCheck.refusal("image/jpeg", HTML)).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("the bytes are text/html"));
        assertThat(DeclaredContentCheck.refusal("application/pdf", EXE)).isPresent();
        assertThat(DeclaredContentCheck.refusal("text/plain", EXE)).isPresent();
        assertThat(DeclaredContentCheck.refusal("image/jpeg", PNG)).hasValue(
                "the bytes are image/png, not the declared image/jpeg");
    }

    @Test
    void bytesWithoutASignatureCannotBeToldApartAndPass() {
        assertThat(DeclaredContentCheck.refusal("application/pdf", "the exact bytes".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
        assertThat(DeclaredContentCheck.refusal("image/png", new byte[] {0, 0, 0, 0, 0, 0, 0, 0})).isEmpty();
        assertThat(DeclaredContentCheck.refusal("image/png", new byte[0])).as("an empty object").isEmpty();
    }

    @Test
    void untypedObjectsAndWhatIsNotAMediaTypeAreToldApart() {
        assertThat(DeclaredContentCheck.refusal("application/octet-stream", EXE)).isEmpty();
        assertThat(DeclaredContentCheck.refusal("binary/octet-stream", EXE)).as("S3's type for untyped objects")
                .isEmpty();
        assertThat(DeclaredContentCheck.refusal("not a type", PNG)).hasValue(
                "the declared content type 'not a type' is not a media type");
    }

    @Property(tries = 300)
    void anyBytesUnderAnyDeclaredTypeGetAnAnswerAndUntypedAlwaysPasses(@ForAll("contents") byte[] head,
                                                                       @ForAll("declaredTypes") String declared) {
        assertThat(DeclaredContentCheck.refusal(declared, head)).isNotNull();
        assertThat(DeclaredContentCheck.refusal("application/octet-stream", head)).isEmpty();
    }

    @Property(tries = 200)
    void aSignatureOfTheDeclaredTypeFollowedByAnythingPasses(@ForAll("tails") byte[] tail) {
        assertThat(DeclaredContentCheck.refusal("image/png", concat(PNG, tail))).isEmpty();
        assertThat(DeclaredContentCheck.refusal("application/x-msdownload", concat(EXE, tail))).isEmpty();
    }

    @Provide
    Arbitrary<byte[]> contents() {
        return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofMaxSize(4096),
                Arbitraries.of(PNG, JPEG, EXE, PDF, SVG, HTML, ZIP).flatMap(signature ->
                        tails().map(tail -> concat(signature, tail))));
    }

    @Provide
    Arbitrary<byte[]> tails() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(512);
    }

    @Provide
    Arbitrary<String> declaredTypes() {
        return Arbitraries.of("image/png", "image/jpeg", "application/pdf", "text/plain", "text/csv", "image/svg+xml",
                "application/zip", "video/mp4", "x/y", "application/x.unknown+json", "binary/octet-stream");
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static byte[] executable() {
        byte[] exe = new byte[128];
        exe[0] = 'M';
        exe[1] = 'Z';
        exe[0x3c] = 0x40; // e_lfanew: the PE header follows at 0x40
        exe[0x40] = 'P';
        exe[0x41] = 'E';
        return exe;
    }

    private static byte[] bytes(int[] values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}

package io.uplink.metadata.limits;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stored object's content type is whatever the uploader sent the store, so the matching is tried with hostile
 * values: wildcards in the type, parameters, case, control characters, extra slashes.
 */
class AllowedContentTypesTest {

    private static final Pattern PLAIN_TOKEN = Pattern.compile("[a-z0-9!#$&^_.+-]+");

    @Example
    void patternsMatchLikeCredentialServiceSignsThem() {
        List<String> images = List.of("image/*", "text/plain");
        assertThat(AllowedContentTypes.allows(images, "image/png")).isTrue();
        assertThat(AllowedContentTypes.allows(images, "IMAGE/PNG")).isTrue();
        assertThat(AllowedContentTypes.allows(images, "text/plain; charset=utf-8")).isTrue();
        assertThat(AllowedContentTypes.allows(images, " text/plain ;charset=\"utf-8\"")).isTrue();
        assertThat(AllowedContentTypes.allows(images, "text/html")).isFalse();
        assertThat(AllowedContentTypes.allows(images, "text/plainx")).isFalse();
        assertThat(AllowedContentTypes.allows(images, "imagex/png")).isFalse();
        assertThat(AllowedContentTypes.allows(images, "image")).isFalse();
        assertThat(AllowedContentTypes.allows(images, "image/")).isFalse();
        assertThat(AllowedContentTypes.allows(images, "image/*")).isFalse();
        assertThat(AllowedContentTypes.allows(images, "image/png/../text/html")).isFalse();
        assertThat(AllowedContentTypes.allows(images, "image/png, text/html")).isFalse();
        assertThat(AllowedContentTypes.allows(images, "image/png\r\nX-Injected: 1")).isFalse();
        assertThat(AllowedContentTypes.allows(images, "\u0000image/png")).isFalse();
        assertThat(AllowedContentTypes.allows(images, null)).isFalse();
        assertThat(AllowedContentTypes.allows(images, "")).isFalse();
    }

    @Example
    void aTenantThatAllowsEveryTypeAllowsEvenNoneAndGarbage() {
        for (List<String> everything : List.of(List.of("*/*"), List.of("image/png", "*"))) {
            assertThat(AllowedContentTypes.allows(everything, null)).isTrue();
            assertThat(AllowedContentTypes.allows(everything, "\u0000garbage")).isTrue();
        }
        assertThat(AllowedContentTypes.allows(List.of(), "image/png")).isFalse();
    }

    @Property(tries = 500)
    void aWellFormedTypeIsAllowedByItselfAndItsWildcardWhateverItsCaseAndParameters(
            @ForAll("tokens") String type, @ForAll("tokens") String subtype, @ForAll("parameters") String parameters,
            @ForAll boolean upperCase) {
        String essence = type + "/" + subtype;
        String contentType = (upperCase ? essence.toUpperCase(Locale.ROOT) : essence) + parameters;

        assertThat(AllowedContentTypes.allows(List.of(essence), contentType)).isTrue();
        assertThat(AllowedContentTypes.allows(List.of(type + "/*"), contentType)).isTrue();
        assertThat(AllowedContentTypes.allows(List.of(type + "x/*", essence + "x", "x" + essence), contentType))
                .isFalse();
    }

    @Property(tries = 2000)
    void whatANarrowListAllowsIsAlwaysOneOfItsTypesBeforeTheParameters(@ForAll("hostile") String contentType) {
        boolean exact = AllowedContentTypes.allows(List.of("image/png"), contentType);
        boolean wildcard = AllowedContentTypes.allows(List.of("image/*"), contentType);

        String essence = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (exact) {
            assertThat(essence).isEqualTo("image/png");
        }
        if (wildcard) {
            assertThat(essence).startsWith("image/");
            assertThat(essence.substring("image/".length())).matches(PLAIN_TOKEN);
        }
        if (exact) {
            assertThat(wildcard).as("image/* allows all that image/png allows").isTrue();
        }
    }

    @Provide
    Arbitrary<String> tokens() {
        return Arbitraries.strings().withChars("abcxyz0129.+-").ofMinLength(1).ofMaxLength(12);
    }

    @Provide
    Arbitrary<String> parameters() {
        return Arbitraries.of("", ";charset=utf-8", "; charset=UTF-8", "; boundary=\"a b\"", ";", "; q=0.5; x=y");
    }

    /** Pieces of real types mixed with separators, wildcards, whitespace and control characters. */
    @Provide
    Arbitrary<String> hostile() {
        return Arbitraries.of("image", "IMAGE", "Image", "png", "PNG", "/", "*", ";", ",", " ", "\t", "\r\n", "\u0000",
                        "\u00a0", "\u2028", "=", "\"", "image/png", "text", "html", "x-", "..", "\\")
                .list().ofMinSize(0).ofMaxSize(8)
                .map(pieces -> String.join("", pieces));
    }
}

package io.uplink.credential.signing;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

import static org.assertj.core.api.Assertions.assertThat;

/** The signer's URI encoding is the SDK's, for any string (unicode, lone surrogates, '%', '+', '*', '~', '/'). */
class UriEncodingProperties {

    @Property(tries = 5000)
    void encodesAsTheSdk(@ForAll("anyText") String text) {
        assertThat(UriEncoding.encode(text)).isEqualTo(SdkHttpUtils.urlEncode(text));
        assertThat(UriEncoding.encodeIgnoreSlashes(text)).isEqualTo(SdkHttpUtils.urlEncodeIgnoreSlashes(text));
    }

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(60),
                Arbitraries.strings().withChars("/%+*~ aZ09-_.!'()&=?#\uD800\uDC00\uDBFF\uDFFFé漢").ofMaxLength(30),
                Arbitraries.strings().all().ofMaxLength(30));
    }
}

package io.uplink.callback.delivery;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class ResponseSnippetTest {

    @Test
    void keepsTheFirst4KiBAndSaysWhenItIsFull() {
        ResponseSnippet snippet = new ResponseSnippet();

        assertThat(snippet.append("a".repeat(4000).getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(snippet.append("b".repeat(200).getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(snippet.text()).hasSize(4096).startsWith("aaa").endsWith("b".repeat(96));
    }

    @Test
    void neverExceeds4KiBOfUtf8EvenWhenInvalidBytesAreReplaced() {
        byte[] garbage = new byte[4096];
        Arrays.fill(garbage, (byte) 0xFF);
        ResponseSnippet snippet = new ResponseSnippet();
        snippet.append(garbage);

        assertThat(snippet.text().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
    }

    @Test
    void dropsNulCharactersThatPostgresTextCannotHold() {
        ResponseSnippet snippet = new ResponseSnippet();
        snippet.append(new byte[] {'o', 0, 'k'});

        assertThat(snippet.text()).isEqualTo("ok");
    }

    @Test
    void doesNotCutAMultiByteCharacterInHalf() {
        ResponseSnippet snippet = new ResponseSnippet();
        snippet.append(("x" + "é".repeat(2100)).getBytes(StandardCharsets.UTF_8));

        byte[] kept = snippet.text().getBytes(StandardCharsets.UTF_8);
        assertThat(kept.length).isLessThanOrEqualTo(4096);
        assertThat(snippet.text()).doesNotContain("\uFFFD");
    }
}

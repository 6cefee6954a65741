package io.uplink.callback.signing;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookSignerTest {

    // the test vector published with the Standard Webhooks reference libraries (libraries/*/tests: "sign works")
    private static final WebhookSecret SPEC_SECRET = new WebhookSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long SPEC_TIMESTAMP = 1614265330L;
    private static final byte[] SPEC_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void reproducesTheStandardWebhooksTestVector() {
        assertThat(WebhookSigner.sign(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, SPEC_SECRET)).isEqualTo(SPEC_SIGNATURE);
    }

    @Test
    void signsTheTestVectorAlikeWhenTheSecretsKeyedMacIsReusedInterleavedOrOnAnotherThread() throws Exception {
        WebhookSecret other = WebhookSecret.generate();
        String first = WebhookSigner.sign(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, SPEC_SECRET);
        String otherFirst = WebhookSigner.sign(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, other);
        String again = WebhookSigner.sign(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, SPEC_SECRET);
        String otherAgain = WebhookSigner.sign(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, other);
        String[] onAnotherThread = new String[1];
        Thread thread = new Thread(() -> onAnotherThread[0] = WebhookSigner.sign(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, SPEC_SECRET));
        thread.start();
        thread.join();

        assertThat(List.of(first, again, onAnotherThread[0])).containsOnly(SPEC_SIGNATURE);
        assertThat(otherAgain).isEqualTo(otherFirst).isNotEqualTo(SPEC_SIGNATURE);
    }

    @Test
    void verifiesTheTestVectorLikeAReceiverLibrary() {
        Instant then = Instant.ofEpochSecond(SPEC_TIMESTAMP);

        assertThat(WebhookVerifier.verifies(SPEC_ID, String.valueOf(SPEC_TIMESTAMP), SPEC_SIGNATURE, SPEC_BODY,
                SPEC_SECRET, then)).isTrue();
        assertThat(WebhookVerifier.verifies(SPEC_ID, String.valueOf(SPEC_TIMESTAMP), "v1,bm9wZQ== " + SPEC_SIGNATURE,
                SPEC_BODY, SPEC_SECRET, then)).isTrue();
        assertThat(WebhookVerifier.verifies(SPEC_ID, String.valueOf(SPEC_TIMESTAMP), SPEC_SIGNATURE,
                "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8), SPEC_SECRET, then)).isFalse();
        assertThat(WebhookVerifier.verifies(SPEC_ID, String.valueOf(SPEC_TIMESTAMP), SPEC_SIGNATURE, SPEC_BODY,
                SPEC_SECRET, then.plus(Duration.ofMinutes(6)))).isFalse();
        assertThat(WebhookVerifier.verifies(SPEC_ID, String.valueOf(SPEC_TIMESTAMP),
                SPEC_SIGNATURE.replace("v1,", "v2,"), SPEC_BODY, SPEC_SECRET, then)).isFalse();
    }

    @Test
    void signsWithBothSecretsWhileTheRotatedOneIsStillActive() {
        WebhookSecret fresh = WebhookSecret.generate();
        Instant rotatedAt = Instant.parse("2026-01-01T00:00:00Z");
        SigningKeys keys = new SigningKeys(fresh, SPEC_SECRET, rotatedAt.plus(Duration.ofHours(24)));

        String during = WebhookSigner.signatureHeader(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY,
                keys.activeAt(rotatedAt.plus(Duration.ofHours(23))));
        String after = WebhookSigner.signatureHeader(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY,
                keys.activeAt(rotatedAt.plus(Duration.ofHours(24))));

        assertThat(during.split(" ")).containsExactly(
                WebhookSigner.sign(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, fresh), SPEC_SIGNATURE);
        assertThat(after).isEqualTo(WebhookSigner.sign(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY, fresh));
    }

    @Test
    void generatesDistinctSecretsInTheWhsecFormat() {
        WebhookSecret one = WebhookSecret.generate();
        WebhookSecret two = WebhookSecret.generate();

        assertThat(one.value()).startsWith("whsec_").hasSize("whsec_".length() + 32);
        assertThat(one).isNotEqualTo(two);
        assertThat(one.key()).hasSize(24);
        assertThat(one.toString()).doesNotContain(one.value().substring(6));
    }

    @Test
    void rejectsSecretsThatAreNotWhsecBase64() {
        assertThatThrownBy(() -> new WebhookSecret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebhookSecret("whsec_not*base64")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebhookSecret("whsec_c2hvcnQ=")).isInstanceOf(IllegalArgumentException.class);
        assertThat(List.of(SPEC_SECRET.key().length)).containsExactly(24);
    }
}

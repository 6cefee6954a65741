package io.uplink.localstack.webhook;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.uplink.localstack.webhook.StandardWebhookVerifier.Outcome.MISSING_HEADERS;
import static io.uplink.localstack.webhook.StandardWebhookVerifier.Outcome.NO_SECRET;
import static io.uplink.localstack.webhook.StandardWebhookVerifier.Outcome.SIGNATURE_MISMATCH;
import static io.uplink.localstack.webhook.StandardWebhookVerifier.Outcome.TIMESTAMP_OUT_OF_TOLERANCE;
import static io.uplink.localstack.webhook.StandardWebhookVerifier.Outcome.VERIFIED;
import static org.assertj.core.api.Assertions.assertThat;

class StandardWebhookVerifierTest {

    // The Standard Webhooks specification's published example.
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final String TIMESTAMP = "1614265330";
    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    private static final Instant THEN = Instant.ofEpochSecond(1614265330);
    private static final Duration TOLERANCE = StandardWebhookVerifier.DEFAULT_TOLERANCE;

    @Test
    void verifiesTheSpecificationsTestVector() {
        assertThat(StandardWebhookVerifier.verify(List.of(SECRET), ID, TIMESTAMP, SIGNATURE, BODY, THEN, TOLERANCE))
                .isEqualTo(VERIFIED);
        assertThat(StandardWebhookVerifier.sign(SECRET, ID, 1614265330L, BODY)).isEqualTo(SIGNATURE);
    }

    @Test
    void rejectsATamperedBodyIdOrTimestamp() {
        byte[] tampered = "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8);
        assertThat(StandardWebhookVerifier.verify(List.of(SECRET), ID, TIMESTAMP, SIGNATURE, tampered, THEN, TOLERANCE))
                .isEqualTo(SIGNATURE_MISMATCH);
        assertThat(StandardWebhookVerifier.verify(List.of(SECRET), "msg_other", TIMESTAMP, SIGNATURE, BODY, THEN, TOLERANCE))
                .isEqualTo(SIGNATURE_MISMATCH);
        assertThat(StandardWebhookVerifier.verify(List.of(SECRET), ID, "1614265331", SIGNATURE, BODY, THEN, TOLERANCE))
                .isEqualTo(SIGNATURE_MISMATCH);
    }

    @Test
    void rejectsDeliveriesOutsideTheTimestampTolerance() {
        assertThat(StandardWebhookVerifier.verify(List.of(SECRET), ID, TIMESTAMP, SIGNATURE, BODY,
                THEN.plus(TOLERANCE).plusSeconds(1), TOLERANCE)).isEqualTo(TIMESTAMP_OUT_OF_TOLERANCE);
        assertThat(StandardWebhookVerifier.verify(List.of(SECRET), ID, TIMESTAMP, SIGNATURE, BODY,
                THEN.minus(TOLERANCE).minusSeconds(1), TOLERANCE)).isEqualTo(TIMESTAMP_OUT_OF_TOLERANCE);
    }

    @Test
    void acceptsAnyOfSeveralSignaturesAndSecretsAsDuringSecretRotation() {
        String newSecret = "whsec_" + java.util.Base64.getEncoder().encodeToString("another-secret-of-32-bytes-long!".getBytes(StandardCharsets.UTF_8));
        String both = StandardWebhookVerifier.sign(newSecret, ID, 1614265330L, BODY) + " " + SIGNATURE;

        assertThat(StandardWebhookVerifier.verify(List.of(SECRET), ID, TIMESTAMP, both, BODY, THEN, TOLERANCE)).isEqualTo(VERIFIED);
        assertThat(StandardWebhookVerifier.verify(List.of(newSecret), ID, TIMESTAMP, both, BODY, THEN, TOLERANCE)).isEqualTo(VERIFIED);
        assertThat(StandardWebhookVerifier.verify(List.of("whsec_AAAA", SECRET), ID, TIMESTAMP, SIGNATURE, BODY, THEN, TOLERANCE))
                .isEqualTo(VERIFIED);
    }

    @Test
    void ignoresUnknownSignatureVersionsAndGarbage() {
        String header = "v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE= v1,not-base64!! nonsense";
        assertThat(StandardWebhookVerifier.verify(List.of(SECRET), ID, TIMESTAMP, header, BODY, THEN, TOLERANCE))
                .isEqualTo(SIGNATURE_MISMATCH);
    }

    @Test
    void reportsMissingHeadersAndAMissingSecret() {
        assertThat(StandardWebhookVerifier.verify(List.of(SECRET), null, TIMESTAMP, SIGNATURE, BODY, THEN, TOLERANCE)).isEqualTo(MISSING_HEADERS);
        assertThat(StandardWebhookVerifier.verify(List.of(SECRET), ID, "yesterday", SIGNATURE, BODY, THEN, TOLERANCE)).isEqualTo(MISSING_HEADERS);
        assertThat(StandardWebhookVerifier.verify(List.of(SECRET), ID, TIMESTAMP, " ", BODY, THEN, TOLERANCE)).isEqualTo(MISSING_HEADERS);
        assertThat(StandardWebhookVerifier.verify(List.of(), ID, TIMESTAMP, SIGNATURE, BODY, THEN, TOLERANCE)).isEqualTo(NO_SECRET);
    }
}

package io.uplink.console.webhooks;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecoverFormTest {

    private static final String ENDPOINT = "cbe6bbba-d187-44eb-a1ca-6b4a73714b11";

    @Test
    void readsTheBrowsersLocalDateTimeAsUtc() {
        RecoverForm form = new RecoverForm(ENDPOINT, "2026-12-06T09:30");

        assertThat(form.toApi()).isEqualTo(Map.of("since", "2026-12-06T09:30:00Z"));
        assertThat(form.endpoint()).isEqualTo(UUID.fromString(ENDPOINT));
    }

    @Test
    void acceptsSecondsAndAnExplicitOffset() {
        assertThat(new RecoverForm(ENDPOINT, "2026-12-06T09:30:15").toApi())
                .containsEntry("since", "2026-12-06T09:30:15Z");
        assertThat(new RecoverForm(ENDPOINT, "2026-12-06T10:30+01:00").toApi())
                .containsEntry("since", "2026-12-06T09:30:00Z");
    }

    @Test
    void startsOneDayBackToTheMinute() {
        assertThat(RecoverForm.since(Instant.parse("2026-12-06T09:30:42.5Z")).since()).isEqualTo("2026-12-05T09:30");
    }

    @Test
    void refusesAMissingEndpointOrAnUnreadableTime() {
        assertThatThrownBy(() -> new RecoverForm("", "2026-12-06T09:30").endpoint())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Choose the endpoint");
        assertThatThrownBy(() -> new RecoverForm("not-a-uuid", "2026-12-06T09:30").endpoint())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecoverForm(ENDPOINT, "yesterday").toApi())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("YYYY-MM-DD");
    }
}

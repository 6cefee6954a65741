package io.uplink.console.webhooks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimesTest {

    @Test
    void showsTheApisInstantsToTheSecondInUtc() {
        assertThat(Times.readable("2026-12-06T09:47:52.485543Z")).isEqualTo("2026-12-06 09:47:52 UTC");
    }

    @Test
    void noTimeIsADashAndAnythingElseIsShownAsItCame() {
        assertThat(Times.readable(null)).isEqualTo("—");
        assertThat(Times.readable("")).isEqualTo("—");
        assertThat(Times.readable("tomorrow")).isEqualTo("tomorrow");
    }
}

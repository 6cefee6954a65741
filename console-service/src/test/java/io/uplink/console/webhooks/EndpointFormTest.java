package io.uplink.console.webhooks;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class EndpointFormTest {

    @Test
    void sendsTheTrimmedFieldsAndTheTickedEventTypesOnce() {
        EndpointForm form = new EndpointForm(" https://example.com/hooks ", " orders ",
                Arrays.asList("file.created", "", null, "file.created"), " 10 ");

        assertThat(form.toApi()).containsExactly(entry("url", "https://example.com/hooks"),
                entry("description", "orders"), entry("eventTypes", List.of("file.created")), entry("rateLimit", 10));
    }

    @Test
    void noTickedTypeSubscribesToEveryEventAndBlankFieldsAreLeftOut() {
        EndpointForm form = new EndpointForm("https://example.com/hooks", " ", null, "");

        assertThat(form.toApi()).containsEntry("eventTypes", List.of()).containsEntry("description", null)
                .containsEntry("rateLimit", null);
    }

    @Test
    void aRateLimitThatIsNotANumberIsRefusedBeforeTheApiIsCalled() {
        EndpointForm form = new EndpointForm("https://example.com/hooks", "", List.of(), "ten");

        assertThatThrownBy(form::toApi).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rate limit");
    }

    @Test
    void remembersWhichBoxesWereTicked() {
        EndpointForm form = new EndpointForm("", "", List.of("file.deleted"), "");

        assertThat(form.subscribes("file.deleted")).isTrue();
        assertThat(form.subscribes("file.created")).isFalse();
        assertThat(EndpointForm.empty().subscribes("file.created")).isFalse();
    }
}

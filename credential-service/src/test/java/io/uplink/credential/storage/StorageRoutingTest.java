package io.uplink.credential.storage;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A tenant's upload goes to the store it names (if it may), else to the first route it meets, else the default. */
class StorageRoutingTest {

    private static final long MB = 1024 * 1024;
    private final StorageRouting routing = new StorageRouting(List.of(), List.of(
            new StorageRouting.Route("video/*", null, null, "media"),
            new StorageRouting.Route(null, 100 * MB, null, "bulk"),
            new StorageRouting.Route("application/pdf", null, MB, "small-docs")));

    @Test
    void theFirstRouteAnUploadMeetsDecides() {
        assertThat(routing.targetFor("default", null, "video/mp4", 500 * MB)).isEqualTo("media");
        assertThat(routing.targetFor("default", null, "image/png", 200 * MB)).isEqualTo("bulk");
        assertThat(routing.targetFor("default", null, "application/pdf; charset=binary", 1000L)).isEqualTo("small-docs");
        assertThat(routing.targetFor("default", null, "application/pdf", 2 * MB)).isEqualTo("default");
        assertThat(routing.targetFor("default", null, "image/png", 10L)).isEqualTo("default");
    }

    @Test
    void anUploadOfOpenSizeMeetsOnlyRoutesWithoutSizeBounds() {
        assertThat(routing.targetFor("default", null, "video/webm", null)).isEqualTo("media");
        assertThat(routing.targetFor("default", null, "application/pdf", null)).isEqualTo("default");
        assertThat(routing.targetFor("default", null, null, null)).isEqualTo("default");
    }

    @Test
    void aRequestMayNameTheDefaultOrARoutesTargetWhenNoListIsGiven() {
        assertThat(routing.targetFor("default", "bulk", "image/png", 10L)).isEqualTo("bulk");
        assertThat(routing.targetFor("default", "default", "video/mp4", 10L)).isEqualTo("default");
        assertThatThrownBy(() -> routing.targetFor("default", "elsewhere", "image/png", 10L))
                .isInstanceOf(StorageTargetNotAllowedException.class)
                .hasMessageContaining("'elsewhere'");
    }

    @Test
    void anExplicitListIsExactlyWhatARequestMayName() {
        StorageRouting listed = new StorageRouting(List.of("eu", "us"), List.of());

        assertThat(listed.targetFor("eu", "us", "image/png", 10L)).isEqualTo("us");
        assertThat(listed.targetFor("eu", null, "image/png", 10L)).isEqualTo("eu");
        assertThatThrownBy(() -> listed.targetFor("eu", "default", "image/png", 10L))
                .isInstanceOf(StorageTargetNotAllowedException.class);
    }

    @Test
    void withoutRoutingEveryUploadGoesToTheDefault() {
        assertThat(StorageRouting.NONE.targetFor("eu", null, "video/mp4", 10L)).isEqualTo("eu");
        assertThatThrownBy(() -> StorageRouting.NONE.targetFor("eu", "us", "video/mp4", 10L))
                .isInstanceOf(StorageTargetNotAllowedException.class);
    }
}

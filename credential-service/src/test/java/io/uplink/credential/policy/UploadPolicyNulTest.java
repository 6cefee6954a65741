package io.uplink.credential.policy;

import io.uplink.credential.tenant.TenantSettings;
import io.uplink.credential.web.InvalidRequestException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A NUL in what an upload keeps as given (the filename, metadata values) is refused before anything is stored. */
class UploadPolicyNulTest {

    private static final TenantSettings SETTINGS = new TenantSettings(10L * 1024 * 1024, List.of("text/plain"), 900, "default");
    private final UploadPolicyDecider decider = new UploadPolicyDecider(64L * 1024 * 1024);

    private UploadPolicy decide(String filename, Map<String, String> metadata) {
        return decider.decide("acme", SETTINGS, "bucket", new UploadIntent(filename, "text/plain", 5L, null, metadata,
                UploadMethod.PUT), UUID.randomUUID(), Instant.parse("2026-03-04T05:06:07Z"));
    }

    @Test
    void aFilenameWithANulIsRefusedNamingTheRule() {
        for (String filename : List.of("a\0.txt", "\0", "report.pdf\0.exe")) {
            assertThatThrownBy(() -> decide(filename, Map.of()))
                    .isInstanceOfSatisfying(InvalidRequestException.class, refused -> {
                        assertThat(refused.field()).isEqualTo("filename");
                        assertThat(refused.rule()).isEqualTo("no-nul");
                    });
        }
    }

    @Test
    void aMetadataValueWithANulIsRefusedNamingTheRule() {
        assertThatThrownBy(() -> decide("a.txt", Map.of("note", "x\0y")))
                .isInstanceOfSatisfying(InvalidRequestException.class, refused -> {
                    assertThat(refused.field()).isEqualTo("metadata");
                    assertThat(refused.rule()).isEqualTo("no-nul");
                });
    }

    @Test
    void otherControlAndFormatCharactersStayMetadataAndNeverReachTheKey() {
        UploadPolicy policy = decide("invoice\u202Efdp.exe\t", Map.of("note", "line\nbreak"));

        assertThat(policy.originalFilename()).isEqualTo("invoice\u202Efdp.exe\t");
        assertThat(policy.key()).doesNotContain("\u202E", "\t");
    }
}

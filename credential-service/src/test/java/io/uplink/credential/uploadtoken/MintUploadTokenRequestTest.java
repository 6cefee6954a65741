package io.uplink.credential.uploadtoken;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a tenant may put in an upload token's metadata: it is attached to every file, kept as given. */
class MintUploadTokenRequestTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    private static MintUploadTokenRequest withMetadata(Map<String, String> metadata) {
        return new MintUploadTokenRequest("end-user", null, null, null, null, null, metadata, null, null);
    }

    @Test
    void aMetadataValueWithANulIsRefused() {
        assertThat(VALIDATOR.validate(withMetadata(Map.of("note", "x\0y"))))
                .singleElement().satisfies(violation -> assertThat(violation.getMessage()).contains("NUL"));
    }

    @Test
    void printableAndUnicodeMetadataValuesPass() {
        assertThat(VALIDATOR.validate(withMetadata(Map.of("note", "résumé 😀 line\nbreak", "empty", "")))).isEmpty();
    }
}

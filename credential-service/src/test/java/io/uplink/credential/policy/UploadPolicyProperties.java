package io.uplink.credential.policy;

import io.uplink.credential.tenant.TenantSettings;
import io.uplink.credential.web.InvalidRequestException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class UploadPolicyProperties {

    private static final String TENANT = "acme";
    private static final long LIMIT = 10L * 1024 * 1024;
    private static final TenantSettings SETTINGS = new TenantSettings(LIMIT, List.of("image/*", "application/pdf"),
            900, "default");
    private final UploadPolicyDecider decider = new UploadPolicyDecider(64L * 1024 * 1024);

    @Property(tries = 2000)
    void noRequestYieldsACredentialOutsideTheTenantPrefixOrAboveTheLimit(
            @ForAll("filenames") String filename, @ForAll("contentTypes") String contentType,
            @ForAll("sizes") Long size, @ForAll("methods") UploadMethod method) {
        UploadPolicy policy;
        try {
            policy = decider.decide(TENANT, SETTINGS, "bucket",
                    new UploadIntent(filename, contentType, size, null, Map.of(), method), UUID.randomUUID(),
                    Instant.parse("2026-03-04T05:06:07Z"));
        } catch (InvalidRequestException refused) {
            assertThat(refused.field()).isNotBlank();
            assertThat(refused.rule()).isNotBlank();
            return;
        }
        assertThat(policy.key()).startsWith("tenants/acme/2026/03/04/" + policy.uploadId() + "/");
        assertThat(ObjectKeys.belongsTo(TENANT, policy.key())).isTrue();
        assertThat(policy.key().split("/")).hasSize(7).doesNotContain("..", ".", "");
        assertThat(policy.key().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024);
        assertThat(policy.key().codePoints()).noneMatch(Character::isISOControl);
        assertThat(Normalizer.isNormalized(policy.key(), Normalizer.Form.NFC)).isTrue();
        assertThat(policy.size()).isBetween(1L, LIMIT);
        assertThat(Long.parseLong(policy.signedPutHeaders().get("Content-Length"))).isBetween(1L, LIMIT);
        assertThat(policy.postPolicyConditions()).contains(List.of("eq", "$key", policy.key()),
                List.of("content-length-range", policy.size(), policy.size()));
        assertThat(ContentTypes.isAllowed(policy.contentType(), SETTINGS.allowedContentTypes())).isTrue();
        assertThat(policy.contentType()).doesNotContain("\r", "\n");
    }

    @Property(tries = 3000)
    void sanitizedFilenamesAreSingleSafeSegments(@ForAll("filenames") String filename) {
        String name = FilenameSanitizer.sanitize(filename);

        assertThat(name).isNotEmpty().doesNotContain("/", "\\", "..").doesNotStartWith(".");
        assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(FilenameSanitizer.MAX_BYTES);
        assertThat(name.codePoints()).allMatch(cp -> Character.isLetterOrDigit(cp) || cp == '-' || cp == '_'
                || cp == '.' || Character.getType(cp) == Character.NON_SPACING_MARK
                || Character.getType(cp) == Character.COMBINING_SPACING_MARK
                || Character.getType(cp) == Character.ENCLOSING_MARK);
        assertThat(Normalizer.isNormalized(name, Normalizer.Form.NFC)).isTrue();
    }

    @Property(tries = 500)
    void keysOfOtherTenantsOrWithPathTricksNeverBelongToTheTenant(@ForAll("filenames") String suffix) {
        assertThat(ObjectKeys.belongsTo(TENANT, "tenants/acme-evil/" + suffix)).isFalse();
        assertThat(ObjectKeys.belongsTo(TENANT, "tenants/acme/../other/" + suffix)).isFalse();
        assertThat(ObjectKeys.belongsTo(TENANT, "/tenants/acme/" + suffix)).isFalse();
        assertThat(ObjectKeys.belongsTo(TENANT, "tenants/acme")).isFalse();
    }

    @Property(tries = 300)
    void sizesAboveTheTenantLimitAreRefusedNamingTheRule(@ForAll @LongRange(min = LIMIT + 1) long size) {
        try {
            decider.decide(TENANT, SETTINGS, "bucket", new UploadIntent("a.png", "image/png", size, null, null, null),
                    UUID.randomUUID(), Instant.now());
            throw new AssertionError("size " + size + " was granted");
        } catch (InvalidRequestException refused) {
            assertThat(refused.field()).isEqualTo("size");
            assertThat(refused.rule()).isEqualTo("max-object-size");
        }
    }

    @Provide
    Arbitrary<String> filenames() {
        Arbitrary<String> tricky = Arbitraries.of("..", "../", "..\\", "/", "\\", "\u0000", "\n", "\r", "\u202e",
                "\u200b", ".", "%2e%2e%2f", "a\u0301", "\u00e9", "\ud83d\ude00", "\ud800", "CON", " ", "~", "$(rm)",
                "tenants/other/", "\u2215", "\uff0e\uff0e", "\u0130");
        Arbitrary<String> pieces = Arbitraries.oneOf(tricky, Arbitraries.strings().all().ofMaxLength(20),
                Arbitraries.strings().alpha().numeric().ofMaxLength(300));
        return pieces.list().ofMaxSize(12).map(list -> String.join("", list));
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.oneOf(
                Arbitraries.of("image/png", "image/svg+xml", "application/pdf", "text/html", "image/*", "*/*",
                        "image/png\r\nx-amz-acl: public-read", "IMAGE/PNG", "image/png; charset=utf-8",
                        "application/pdf;x=\"y\"", "", "image", "image/", "/png", "image/png ;"),
                Arbitraries.strings().all().ofMaxLength(40));
    }

    @Provide
    Arbitrary<Long> sizes() {
        return Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.longs().between(-1, LIMIT + 1),
                Arbitraries.of(0L, 1L, LIMIT, LIMIT + 1, Long.MAX_VALUE, Long.MIN_VALUE),
                Arbitraries.just(null));
    }

    @Provide
    Arbitrary<UploadMethod> methods() {
        return Combinators.combine(Arbitraries.of(UploadMethod.values()), Arbitraries.of(true, false))
                .as((method, explicit) -> explicit ? method : null);
    }
}
